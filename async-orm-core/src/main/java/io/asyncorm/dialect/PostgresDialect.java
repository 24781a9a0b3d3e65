package io.asyncorm.dialect;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.R2dbcException;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * PostgreSQL through r2dbc-postgresql: {@code $n} bind markers, double-quoted identifiers,
 * RETURNING, and cursored streaming through the extended protocol's row limit.
 */
public final class PostgresDialect implements Dialect {

    /** The shared instance; the dialect has no state. */
    public static final PostgresDialect INSTANCE = new PostgresDialect();

    private static final Pattern CONSTRAINT = Pattern.compile("constraint \"([^\"]+)\"");

    /**
     * The column types read by name from the second row on: for these, r2dbc-postgresql's codec for {@code Object} is the
     * codec of the type, and its lookup by type probes a small table (by {@code Object} it probes one holding every type:
     * 8% of the CPU of loading 11,000 objects).
     */
    private static final Set<Class<?>> READ_BY_TYPE = Set.of(Long.class, Integer.class, Short.class, String.class, Boolean.class,
            Double.class, Float.class, java.math.BigDecimal.class, java.util.UUID.class, java.time.LocalDate.class,
            java.time.LocalTime.class, java.time.LocalDateTime.class, java.time.OffsetDateTime.class);

    private PostgresDialect() {
    }

    private static final CatalogQueries CATALOG = CatalogQueries.standard("current_schema()",
            "select i.relname, a.attname, x.indisunique from pg_index x join pg_class t on t.oid = x.indrelid"
                    + " join pg_class i on i.oid = x.indexrelid join pg_namespace n on n.oid = t.relnamespace"
                    + " join lateral unnest(x.indkey) with ordinality k(attnum, position) on true"
                    + " join pg_attribute a on a.attrelid = t.oid and a.attnum = k.attnum"
                    + " where n.nspname = current_schema() and lower(t.relname) = lower(:table) and not x.indisprimary"
                    + " and not exists (select 1 from pg_constraint c where c.conindid = x.indexrelid)"
                    + " order by i.relname, k.position");

    @Override
    public CatalogQueries catalogQueries() {
        return CATALOG;
    }

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public Class<?> readType(io.r2dbc.spi.ColumnMetadata column) {
        Class<?> type = column.getJavaType();
        return type != null && READ_BY_TYPE.contains(type) ? type : Object.class;
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
    public boolean supportsDeclaredCursors() {
        return true;
    }

    @Override
    public String isolationLevelQuery() {
        return "SHOW transaction_isolation";
    }

    @Override
    public @Nullable String constraintName(R2dbcException exception) {
        return ConstraintNames.firstGroup(exception.getMessage(), CONSTRAINT);
    }

    @Override
    public Severity severity(io.r2dbc.spi.Result.Message message) {
        String severity = PostgresDriver.severity(message.exception());
        if (severity == null) {
            return Dialect.super.severity(message);
        }
        return switch (severity) {
            case "ERROR", "FATAL", "PANIC" -> Severity.ERROR;
            case "WARNING" -> Severity.WARNING;
            default -> Severity.NOTICE;
        };
    }

    /**
     * PostgreSQL's protocol counts a statement's parameters in 16 bits: with more, the server answers 08P01 "invalid
     * message format" and closes the connection.
     */
    @Override
    public int maxBindParameters() {
        return 65_535;
    }

    @Override
    public Mono<Void> cancelRunning(Connection physical, io.r2dbc.spi.ConnectionFactory factory) {
        return PostgresDriver.cancelRequest(physical);
    }

    @Override
    public String toString() {
        return "PostgresDialect";
    }

    @Override
    public String nextSequenceValuesQuery(String sequence, int count) {
        return "SELECT nextval('" + sequence + "') FROM generate_series(1, " + count + ")";
    }
}
