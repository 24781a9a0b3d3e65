package io.asyncorm.dialect;

import io.r2dbc.spi.R2dbcException;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * PostgreSQL through r2dbc-postgresql: {@code $n} bind markers, double-quoted identifiers,
 * RETURNING, and cursored streaming through the extended protocol's row limit.
 */
public final class PostgresDialect implements Dialect {

    /** The shared instance; the dialect has no state. */
    public static final PostgresDialect INSTANCE = new PostgresDialect();

    private static final Pattern CONSTRAINT = Pattern.compile("constraint \"([^\"]+)\"");

    private PostgresDialect() {
    }

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public String bindMarker(int index) {
        return "$" + (index + 1);
    }

    @Override
    public boolean supportsServerSideCursors() {
        return true;
    }

    @Override
    public @Nullable String constraintName(R2dbcException exception) {
        return ConstraintNames.firstGroup(exception.getMessage(), CONSTRAINT);
    }

    @Override
    public String toString() {
        return "PostgresDialect";
    }
}
