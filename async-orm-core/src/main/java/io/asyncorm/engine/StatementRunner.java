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
            List<Map<String, ?>> parameterSets, int fetchSize) {
        return Flux.defer(() -> {
            // Without parameter sets, a statement with markers binds the values it was built with (or
            // fails naming the parameter that has none).
            List<Map<String, ?>> sets = parameterSets.isEmpty() && !compiled.parameterNames().isEmpty()
                    ? List.of(Map.of()) : parameterSets;
            dialect.checkSql(compiled.sql());
            Statement statement = connection.createStatement(compiled.sql());
            for (int set = 0; set < sets.size(); set++) {
                if (set > 0) {
                    statement.add();
                }
                bind(statement, compiled.positionalValues(sets.get(set)), dialect);
            }
            if (fetchSize > 0) {
                statement.fetchSize(fetchSize);
            }
            KeysCache keys = new KeysCache(dialect);
            return Flux.from(statement.execute()).concatMap(result -> result.flatMap(segment -> {
                if (segment instanceof io.r2dbc.spi.Result.RowSegment rows) {
                    return Mono.just(copy(rows.row(), keys));
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
            }));
        });
    }

    /** The buffered result of a statement's output: its rows, and the sum of its update counts (-1 if none). */
    /** The buffered result; with no rows, its keys come from the statement when it tells them. */
    static Result toResult(List<Object> items, Executable statement, Dialect dialect) {
        Result result = toResult(items);
        boolean noRows = items.stream().noneMatch(Row.class::isInstance);
        Optional<List<String>> keys = noRows ? statement.resultKeys() : Optional.empty();
        return keys.isEmpty() ? result
                : new Result(RowKeys.of(keys.get().stream().map(dialect::normalizeName).toList()), List.of(), result.rowCount());
    }

    static Result toResult(List<Object> items) {
        List<Row> rows = new ArrayList<>();
        long count = -1;
        for (Object item : items) {
            if (item instanceof Row row) {
                rows.add(row);
            } else {
                count = Math.max(count, 0) + ((UpdateCount) item).value();
            }
        }
        return new Result(rows.isEmpty() ? RowKeys.of(List.of()) : rows.get(0).rowKeys(), rows, count);
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
        RowKeys rowKeys = keys.of(row.getMetadata());
        @Nullable Object[] values = new Object[rowKeys.size()];
        for (int i = 0; i < values.length; i++) {
            Object value = row.get(i);
            // Drivers hand binary values out as ByteBuffers; a row keeps its own immutable-by-convention copy.
            values[i] = value instanceof ByteBuffer buffer ? bytes(buffer) : value;
        }
        return new Row(rowKeys, values);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    /** The keys of one statement's rows, computed once per distinct row metadata. */
    private static final class KeysCache {

        private final Dialect dialect;

        private @Nullable RowMetadata metadata;

        private @Nullable RowKeys keys;

        KeysCache(Dialect dialect) {
            this.dialect = dialect;
        }

        RowKeys of(RowMetadata metadata) {
            RowKeys cached = this.keys;
            if (metadata == this.metadata && cached != null) {
                return cached;
            }
            List<String> names = new ArrayList<>();
            for (ColumnMetadata column : metadata.getColumnMetadatas()) {
                names.add(this.dialect.normalizeName(column.getName()));
            }
            RowKeys computed = RowKeys.of(names);
            this.metadata = metadata;
            this.keys = computed;
            return computed;
        }
    }
}
