package io.asyncorm.dialect;

import io.r2dbc.spi.R2dbcException;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

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

    private static final CatalogQueries CATALOG = new CatalogQueries(
            "select table_name from information_schema.tables where table_schema = database() and table_type = 'BASE TABLE'"
                    + " order by table_name",
            "select table_name from information_schema.tables where table_schema = database() and table_type = 'VIEW'"
                    + " order by table_name",
            "select column_name, data_type, is_nullable, column_default from information_schema.columns"
                    + " where table_schema = database() and table_name = :table order by ordinal_position",
            "select column_name from information_schema.key_column_usage where table_schema = database()"
                    + " and table_name = :table and constraint_name = 'PRIMARY' order by ordinal_position",
            "select t.constraint_name, k.column_name from information_schema.table_constraints t"
                    + " join information_schema.key_column_usage k on k.constraint_schema = t.constraint_schema"
                    + " and k.constraint_name = t.constraint_name and k.table_name = t.table_name"
                    + " where t.constraint_type = 'UNIQUE' and t.table_schema = database() and t.table_name = :table"
                    + " order by t.constraint_name, k.ordinal_position",
            "select constraint_name, column_name, referenced_table_name, referenced_column_name"
                    + " from information_schema.key_column_usage where table_schema = database() and table_name = :table"
                    + " and referenced_table_name is not null order by constraint_name, ordinal_position",
            "select index_name, column_name, non_unique = 0 from information_schema.statistics"
                    + " where table_schema = database() and table_name = :table and index_name <> 'PRIMARY'"
                    + " and index_name not in (select constraint_name from information_schema.table_constraints"
                    + " where table_schema = database() and table_name = :table)"
                    + " order by index_name, seq_in_index");

    @Override
    public CatalogQueries catalogQueries() {
        return CATALOG;
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
    public int maxIdentifierLength() {
        return 64;
    }

    @Override
    public boolean supportsServerSideCursors() {
        return true;
    }

    @Override
    public String isolationLevelQuery() {
        return "SELECT @@tx_isolation";
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

    /**
     * MariaDB's own disconnect codes: 1927 (connection killed), 1053 (server shutdown in progress), 2006 / 2013 (server
     * gone away / lost during query) and 4031 (disconnected for inactivity), some of which carry SQLSTATE 70100 or HY000.
     */
    @Override
    public boolean isDisconnect(R2dbcException exception) {
        return switch (exception.getErrorCode()) {
            case 1927, 1053, 2006, 2013, 4031 -> true;
            default -> false;
        };
    }

    /** {@code KILL QUERY <thread id>} over a connection of its own: MariaDB has no out-of-band cancel request. */
    @Override
    public Mono<Void> cancelRunning(io.r2dbc.spi.Connection physical, io.r2dbc.spi.ConnectionFactory factory) {
        return MariaDbDriver.killQuery(physical, factory);
    }

    @Override
    public String toString() {
        return "MariaDbDialect";
    }

    @Override
    public String nextSequenceValuesQuery(String sequence, int count) {
        return "SELECT NEXTVAL(" + sequence + ") FROM seq_1_to_" + count;
    }

    @Override
    public boolean requiresQuoting(String identifier) {
        return Dialect.super.requiresQuoting(identifier) || Identifiers.MARIADB_RESERVED.contains(identifier);
    }
}
