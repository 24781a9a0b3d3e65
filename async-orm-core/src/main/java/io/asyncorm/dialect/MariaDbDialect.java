package io.asyncorm.dialect;

import io.r2dbc.spi.R2dbcException;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * MariaDB (and MySQL) through r2dbc-mariadb: {@code ?} bind markers, back-quoted identifiers,
 * RETURNING on INSERT and DELETE (MariaDB 10.5+; not on UPDATE), no ILIKE, {@code concat()} rather than
 * {@code ||}, no NULLS FIRST / LAST, AUTO_INCREMENT identity columns.
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
    public String identityColumn(String type) {
        return type + " NOT NULL AUTO_INCREMENT";
    }

    @Override
    public String defaultValuesClause() {
        return " () VALUES ()";
    }

    @Override
    public String dropForeignKeyClause() {
        return "DROP FOREIGN KEY";
    }

    @Override
    public boolean supportsIlike() {
        return false;
    }

    @Override
    public boolean supportsConcatOperator() {
        return false;
    }

    @Override
    public boolean supportsNullsOrdering() {
        return false;
    }

    @Override
    public String tableExistsQuery() {
        return "select table_name from information_schema.tables where table_schema = database()"
                + " and lower(table_name) = lower(:name)";
    }

    @Override
    public UpsertStyle upsertStyle() {
        return UpsertStyle.ON_DUPLICATE_KEY;
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
