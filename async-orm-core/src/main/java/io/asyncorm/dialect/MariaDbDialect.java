package io.asyncorm.dialect;

import io.r2dbc.spi.R2dbcException;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * MariaDB (and MySQL) through r2dbc-mariadb: {@code ?} bind markers, back-quoted identifiers,
 * RETURNING on INSERT and DELETE (MariaDB 10.5+).
 */
public final class MariaDbDialect implements Dialect {

    /** The shared instance; the dialect has no state. */
    public static final MariaDbDialect INSTANCE = new MariaDbDialect();

    private static final Pattern DUPLICATE_KEY = Pattern.compile("for key '(?:[A-Za-z0-9_]+\\.)?([^']+)'");

    private static final Pattern CONSTRAINT = Pattern.compile("CONSTRAINT `([^`]+)`");

    private MariaDbDialect() {
    }

    @Override
    public String name() {
        return "mariadb";
    }

    @Override
    public String bindMarker(int index) {
        return "?";
    }

    @Override
    public String quoteIdentifier(String identifier) {
        return '`' + identifier.replace("`", "``") + '`';
    }

    @Override
    public Class<?> untypedNullType() {
        return String.class;
    }

    @Override
    public boolean supportsServerSideCursors() {
        return true;
    }

    @Override
    public boolean supportsReturning() {
        return true;
    }

    @Override
    public @Nullable String constraintName(R2dbcException exception) {
        return ConstraintNames.firstGroup(exception.getMessage(), DUPLICATE_KEY, CONSTRAINT);
    }

    @Override
    public String toString() {
        return "MariaDbDialect";
    }
}
