package io.asyncorm.engine;

import io.asyncorm.dialect.Dialect;
import io.asyncorm.result.Result;
import io.asyncorm.result.Row;
import io.asyncorm.result.RowKeys;
import io.asyncorm.sql.CompiledStatement;
import io.asyncorm.sql.Executable;
import io.asyncorm.sql.TypedNull;
import io.r2dbc.spi.ColumnMetadata;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.RowMetadata;
import io.r2dbc.spi.Statement;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Sends one compiled statement over R2DBC: binds each parameter set (several sets become one batch
 * with {@code Statement.add()}), applies the fetch size, and turns the driver's result segments into
 * {@link Row}s copied out of the driver (binary values as {@code byte[]}) and {@link UpdateCount}s.
 */
final class StatementRunner {

    /** Rows affected, as a segment of the output distinct from rows. */
    record UpdateCount(long value) {
    }

    private StatementRunner() {
    }

    static Flux<Object> run(Connection connection, Dialect dialect, Echo echo, CompiledStatement compiled,
            List<Map<String, ?>> parameterSets, int fetchSize, boolean rowsOnly) {
        return Flux.defer(() -> {
            Statement statement = statement(connection, dialect, compiled, parameterSets);
            if (fetchSize > 0) {
                statement.fetchSize(fetchSize);
            }
            KeysCache keys = new KeysCache(dialect, compiled.sql());
            if (rowsOnly) {
                // The driver's row mapping skips the segment objects (and a publisher per row) of the segment API; the
                // row count is then the rows', and notices are not echoed.
                return Flux.from(statement.execute()).concatMap(result -> result.map((row, metadata) -> copy(row, keys)));
            }
            return Flux.from(statement.execute()).concatMap(result -> result.flatMap(segment -> segment(segment,
                    row -> copy(row, keys), dialect, echo)));
        });
    }

    /**
     * One segment of a statement's output: a row as {@code row} makes it, an update count, or a message (an error
     * fails the statement, a notice is echoed).
     */
    private static Mono<Object> segment(io.r2dbc.spi.Result.Segment segment, Function<io.r2dbc.spi.Row, Object> row, Dialect dialect,
            Echo echo) {
        if (segment instanceof io.r2dbc.spi.Result.RowSegment rows) {
            return Mono.just(row.apply(rows.row()));
        }
        if (segment instanceof io.r2dbc.spi.Result.UpdateCount count) {
            return Mono.just(new UpdateCount(count.value()));
        }
        if (segment instanceof io.r2dbc.spi.Result.Message message) {
            Dialect.Severity severity = dialect.severity(message);
            if (severity == Dialect.Severity.ERROR) {
                return Mono.error(message.exception());
            }
            echo.notice(severity, message.sqlState(), message.message());
        }
        return Mono.empty();
    }

    /**
     * Sends one statement with at most one parameter set and hands each row to its mapping as the driver reads it; see
     * {@link io.asyncorm.internal.RowMappedExecution}. A mapper's exception ends the mapping, not the statement: the rest
     * of the rows are read and the {@code Mono} fails with a {@link MappingFailure} once the statement has completed.
     * Read as rows only (a pure read) it takes the driver's row mapping; else its segments, as {@link #run} does (a
     * locking read's notices are echoed). The driver statement is made now: call it when the statement is about to run
     * (its one caller does, in the step its prepared statement is handed to), for a {@code defer} less per statement.
     */
    static <T> Mono<List<T>> runMapped(Connection connection, Dialect dialect, Echo echo, CompiledStatement compiled,
            List<Map<String, ?>> parameterSets, boolean rowsOnly, MappedRows<T> rows) {
        return Flux.from(statement(connection, dialect, compiled, parameterSets).execute())
                .concatMap(result -> rowsOnly ? result.map(rows)
                        : result.flatMap(segment -> segment(segment, row -> rows.apply(row, row.getMetadata()), dialect, echo)))
                .then(Mono.fromCallable(rows::made));
    }

    /** The driver statement with its parameter sets bound (several sets become one batch with {@code Statement.add()}). */
    private static Statement statement(Connection connection, Dialect dialect, CompiledStatement compiled,
            List<Map<String, ?>> parameterSets) {
        // Without parameter sets, a statement with markers binds the values it was built with (or fails naming the
        // parameter that has none).
        List<Map<String, ?>> sets = parameterSets.isEmpty() && !compiled.parameterNames().isEmpty() ? List.of(Map.of()) : parameterSets;
        dialect.checkSql(compiled.sql());
        Statement statement = connection.createStatement(compiled.sql());
        for (int set = 0; set < sets.size(); set++) {
            if (set > 0) {
                statement.add();
            }
            bind(statement, compiled.positionalValues(sets.get(set)), dialect);
        }
        return statement;
    }

    /**
     * The buffered result of a statement's output; with no rows, its keys come from the statement when it tells them.
     * Read as rows only, its row count is the number of rows.
     */
    static Result toResult(List<Object> items, Executable statement, Dialect dialect, boolean rowsOnly) {
        return toResult(items, () -> statement.resultKeys().map(names -> RowKeys.of(names.stream().map(dialect::normalizeName).toList())),
                rowsOnly);
    }

    /** The buffered result of a statement's output: its rows, and the sum of its update counts (-1 if none). */
    static Result toResult(List<Object> items) {
        return toResult(items, Optional::empty, false);
    }

    private static Result toResult(List<Object> items, Supplier<Optional<RowKeys>> keysWithoutRows, boolean rowsOnly) {
        List<Row> rows = new ArrayList<>(items.size());
        long count = rowsOnly ? items.size() : -1;
        for (Object item : items) {
            if (item instanceof Row row) {
                rows.add(row);
            } else {
                count = Math.max(count, 0) + ((UpdateCount) item).value();
            }
        }
        if (!rows.isEmpty()) {
            return new Result(rows.get(0).rowKeys(), rows, count);
        }
        return new Result(keysWithoutRows.get().orElse(RowKeys.of(List.of())), List.of(), count);
    }

    private static void bind(Statement statement, @Nullable Object[] values, Dialect dialect) {
        for (int i = 0; i < values.length; i++) {
            Object value = values[i];
            if (value == null) {
                statement.bindNull(i, dialect.untypedNullType());
            } else if (value instanceof TypedNull typed) {
                statement.bindNull(i, typed.type());
            } else {
                statement.bind(i, value);
            }
        }
    }

    private static Row copy(io.r2dbc.spi.Row row, KeysCache keys) {
        RowMetadata metadata = row.getMetadata();
        RowKeys rowKeys = keys.of(metadata);
        @Nullable Object[] values = new Object[rowKeys.size()];
        fill(row, keys.readTypes(metadata), values);
        return new Row(rowKeys, values);
    }

    /** Copies a driver row's values, each read as {@code Object} or (from a result's second row) as its read type. */
    private static void fill(io.r2dbc.spi.Row row, Class<?> @Nullable [] types, @Nullable Object[] values) {
        for (int i = 0; i < values.length; i++) {
            Object value = types == null ? row.get(i) : row.get(i, types[i]);
            // Drivers hand binary values out as ByteBuffers; a row keeps its own immutable-by-convention copy.
            values[i] = value instanceof ByteBuffer buffer ? bytes(buffer) : value;
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    /**
     * The driver's row mapping for one run of {@link #runMapped}: refills one {@link Row} per row (a new one only when the
     * row metadata's keys change) and keeps what the mapper makes of it, or the first exception the mapper throws.
     */
    static final class MappedRows<T> implements BiFunction<io.r2dbc.spi.Row, RowMetadata, Boolean> {

        private final KeysCache keys;

        private final Function<Row, @Nullable T> mapper;

        private final List<T> made = new ArrayList<>();

        private @Nullable Row row;

        private @Nullable Object @Nullable [] values;

        private @Nullable RuntimeException failure;

        private long rowCount;

        MappedRows(Dialect dialect, String sql, Function<Row, @Nullable T> mapper) {
            this.keys = new KeysCache(dialect, sql);
            this.mapper = mapper;
        }

        @Override
        public Boolean apply(io.r2dbc.spi.Row driverRow, RowMetadata metadata) {
            this.rowCount++;
            if (this.failure != null) {
                return Boolean.FALSE;
            }
            RowKeys rowKeys = this.keys.of(metadata);
            Row current = this.row;
            @Nullable Object[] currentValues = this.values;
            if (current == null || currentValues == null || current.rowKeys() != rowKeys) {
                currentValues = new Object[rowKeys.size()];
                current = new Row(rowKeys, currentValues);
                this.values = currentValues;
                this.row = current;
            }
            fill(driverRow, this.keys.readTypes(metadata), currentValues);
            try {
                T value = this.mapper.apply(current);
                if (value != null) {
                    this.made.add(value);
                }
            } catch (RuntimeException ex) {
                this.failure = ex;
                this.made.clear();
            }
            return Boolean.TRUE;
        }

        /** The rows read so far (mapped or not). */
        long rowCount() {
            return this.rowCount;
        }

        List<T> made() {
            RuntimeException refused = this.failure;
            if (refused != null) {
                throw new MappingFailure(refused);
            }
            return this.made;
        }
    }

    /** A mapper's exception on its way past the statement's error translation (the statement itself succeeded). */
    static final class MappingFailure extends RuntimeException {

        private static final long serialVersionUID = 1L;

        MappingFailure(RuntimeException cause) {
            super(cause.getMessage(), cause, false, false);
        }

        /** The mapper's exception. */
        RuntimeException mapperError() {
            return (RuntimeException) getCause();
        }
    }

    /**
     * The keys of one statement's rows, computed once per distinct row metadata, and reused from the last run of the same
     * SQL when the driver reports the same column labels (compared in place: no list, no normalising, no hashing); and the
     * types its columns are read with ({@link Dialect#readType}), worked out at a metadata's second row, so that a
     * one-row result does not pay for them.
     */
    private static final class KeysCache {

        /** The column labels and keys of the last run of each SQL text. Bounded; when full it starts over. */
        private static final Map<String, Labels> LAST = new ConcurrentHashMap<>();

        private static final int MAX_LAST = 2000;

        private final Dialect dialect;

        private final String sql;

        private @Nullable RowMetadata metadata;

        private @Nullable RowKeys keys;

        private Class<?> @Nullable [] readTypes;

        private boolean oneRowRead;

        KeysCache(Dialect dialect, String sql) {
            this.dialect = dialect;
            this.sql = sql;
        }

        RowKeys of(RowMetadata metadata) {
            RowKeys cached = this.keys;
            if (metadata == this.metadata && cached != null) {
                return cached;
            }
            List<? extends ColumnMetadata> columns = metadata.getColumnMetadatas();
            Labels last = LAST.get(this.sql);
            RowKeys computed = last != null && last.matches(this.dialect, columns) ? last.keys() : compute(columns);
            this.metadata = metadata;
            this.keys = computed;
            this.readTypes = null;
            this.oneRowRead = false;
            return computed;
        }

        /** The read types for a row of the metadata {@link #of} was last given: none (read as {@code Object}) for its first row. */
        Class<?> @Nullable [] readTypes(RowMetadata metadata) {
            Class<?>[] types = this.readTypes;
            if (types != null) {
                return types;
            }
            if (!this.oneRowRead) {
                this.oneRowRead = true;
                return null;
            }
            List<? extends ColumnMetadata> columns = metadata.getColumnMetadatas();
            types = new Class<?>[columns.size()];
            for (int i = 0; i < types.length; i++) {
                types[i] = this.dialect.readType(columns.get(i));
            }
            this.readTypes = types;
            return types;
        }

        private RowKeys compute(List<? extends ColumnMetadata> columns) {
            String[] labels = new String[columns.size()];
            List<String> names = new ArrayList<>(labels.length);
            for (int i = 0; i < labels.length; i++) {
                labels[i] = columns.get(i).getName();
                names.add(this.dialect.normalizeName(labels[i]));
            }
            RowKeys computed = RowKeys.of(names);
            if (LAST.size() >= MAX_LAST) {
                LAST.clear();
            }
            LAST.put(this.sql, new Labels(this.dialect, labels, computed));
            return computed;
        }
    }

    /** The column labels a driver reported for a statement, and the keys a dialect made of them. */
    private record Labels(Dialect dialect, String[] labels, RowKeys keys) {

        boolean matches(Dialect dialect, List<? extends ColumnMetadata> columns) {
            if (dialect != this.dialect || columns.size() != this.labels.length) {
                return false;
            }
            for (int i = 0; i < this.labels.length; i++) {
                if (!this.labels[i].equals(columns.get(i).getName())) {
                    return false;
                }
            }
            return true;
        }
    }
}
