package io.asyncorm.testing;

import io.r2dbc.spi.Batch;
import io.r2dbc.spi.ColumnMetadata;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import io.r2dbc.spi.ConnectionMetadata;
import io.r2dbc.spi.IsolationLevel;
import io.r2dbc.spi.Readable;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Row;
import io.r2dbc.spi.RowMetadata;
import io.r2dbc.spi.Statement;
import io.r2dbc.spi.TransactionDefinition;
import io.r2dbc.spi.ValidationDepth;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * An R2DBC {@link ConnectionFactory} with no database behind it, for unit tests: it records every
 * statement (SQL and bindings of each parameter set) and every transaction command, and answers with
 * scripted rows or update counts. Unscripted statements answer with no rows and, unless they are
 * SELECTs, one updated row per parameter set (per array element for array-bound batches). The model is spring-data-r2dbc's {@code StatementRecorder}.
 */
public final class RecordingConnectionFactory implements ConnectionFactory {

    /** One statement as the driver got it: its SQL and the bindings of each parameter set, by index. */
    public record Execution(String sql, List<Map<Integer, Object>> bindings) {

        /** The bindings of the only parameter set. */
        public Map<Integer, Object> binding() {
            if (this.bindings.size() != 1) {
                throw new IllegalStateException(this.sql + " ran with " + this.bindings.size() + " parameter sets");
            }
            return this.bindings.get(0);
        }
    }

    /** A scripted answer: rows (column name to value) or an update count. */
    public record Answer(List<Map<String, Object>> rows, long updated) {

        public static Answer rows(List<Map<String, Object>> rows) {
            return new Answer(rows, -1);
        }

        public static Answer updated(long count) {
            return new Answer(List.of(), count);
        }
    }

    /**
     * One row of a scripted answer, columns in the order given.
     *
     * @param namesAndValues column name, value, column name, value, ...
     * @return the row
     */
    public static Map<String, Object> row(Object... namesAndValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            row.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return row;
    }

    private final String name;

    private final List<Execution> executions = Collections.synchronizedList(new ArrayList<>());

    private final List<Map.Entry<Predicate<String>, Function<Execution, Answer>>> answers = new ArrayList<>();

    private RecordingConnectionFactory(String name) {
        this.name = name;
    }

    /**
     * A factory whose metadata reports a database product (the engine picks its dialect from it).
     *
     * @param productName for example {@code "PostgreSQL"} or {@code "H2"}
     * @return the factory
     */
    public static RecordingConnectionFactory of(String productName) {
        return new RecordingConnectionFactory(productName);
    }

    /** Answers the statements whose SQL contains a fragment; the latest matching script wins. */
    public RecordingConnectionFactory answer(String sqlFragment, Function<Execution, Answer> answer) {
        this.answers.add(0, Map.entry(sql -> sql.contains(sqlFragment), answer));
        return this;
    }

    /** Everything sent so far, statements and transaction commands ({@code BEGIN}, {@code COMMIT}, ...), in order. */
    public List<Execution> executions() {
        synchronized (this.executions) {
            return List.copyOf(this.executions);
        }
    }

    /** The SQL of everything sent so far, in order. */
    public List<String> sql() {
        return executions().stream().map(Execution::sql).toList();
    }

    public void clear() {
        this.executions.clear();
    }

    @Override
    public Publisher<? extends Connection> create() {
        return Mono.fromSupplier(RecordingConnection::new);
    }

    @Override
    public ConnectionFactoryMetadata getMetadata() {
        return () -> this.name;
    }

    private Answer answerFor(Execution execution) {
        for (Map.Entry<Predicate<String>, Function<Execution, Answer>> script : this.answers) {
            if (script.getKey().test(execution.sql())) {
                return script.getValue().apply(execution);
            }
        }
        boolean select = execution.sql().stripLeading().regionMatches(true, 0, "SELECT", 0, 6);
        return select ? Answer.rows(List.of()) : Answer.updated(rowsOf(execution));
    }

    /** One row per parameter set, or per element of the arrays it binds (PostgreSQL's {@code unnest} batches). */
    private static long rowsOf(Execution execution) {
        long rows = 0;
        for (Map<Integer, Object> set : execution.bindings()) {
            rows += set.values().stream().filter(value -> value instanceof Object[]).mapToInt(value -> ((Object[]) value).length)
                    .findFirst().orElse(1);
        }
        return Math.max(1, rows);
    }

    private Mono<Void> command(String sql) {
        return Mono.fromRunnable(() -> this.executions.add(new Execution(sql, List.of())));
    }

    private final class RecordingConnection implements Connection {

        private boolean autoCommit = true;

        @Override
        public Publisher<Void> beginTransaction() {
            return command("BEGIN");
        }

        @Override
        public Publisher<Void> beginTransaction(TransactionDefinition definition) {
            return command(Boolean.TRUE.equals(definition.getAttribute(TransactionDefinition.READ_ONLY)) ? "BEGIN READ ONLY" : "BEGIN");
        }

        @Override
        public Publisher<Void> close() {
            return Mono.empty();
        }

        @Override
        public Publisher<Void> commitTransaction() {
            return command("COMMIT");
        }

        @Override
        public Batch createBatch() {
            throw new UnsupportedOperationException("batches are not recorded");
        }

        @Override
        public Publisher<Void> createSavepoint(String name) {
            return command("SAVEPOINT " + name);
        }

        @Override
        public Statement createStatement(String sql) {
            return new RecordingStatement(sql);
        }

        @Override
        public boolean isAutoCommit() {
            return this.autoCommit;
        }

        @Override
        public ConnectionMetadata getMetadata() {
            return new ConnectionMetadata() {
                @Override
                public String getDatabaseProductName() {
                    return RecordingConnectionFactory.this.name;
                }

                @Override
                public String getDatabaseVersion() {
                    return "recording";
                }
            };
        }

        @Override
        public IsolationLevel getTransactionIsolationLevel() {
            return IsolationLevel.READ_COMMITTED;
        }

        @Override
        public Publisher<Void> releaseSavepoint(String name) {
            return command("RELEASE SAVEPOINT " + name);
        }

        @Override
        public Publisher<Void> rollbackTransaction() {
            return command("ROLLBACK");
        }

        @Override
        public Publisher<Void> rollbackTransactionToSavepoint(String name) {
            return command("ROLLBACK TO SAVEPOINT " + name);
        }

        @Override
        public Publisher<Void> setAutoCommit(boolean autoCommit) {
            return Mono.fromRunnable(() -> this.autoCommit = autoCommit);
        }

        @Override
        public Publisher<Void> setLockWaitTimeout(Duration timeout) {
            return Mono.empty();
        }

        @Override
        public Publisher<Void> setStatementTimeout(Duration timeout) {
            return Mono.empty();
        }

        @Override
        public Publisher<Void> setTransactionIsolationLevel(IsolationLevel isolationLevel) {
            return Mono.empty();
        }

        @Override
        public Publisher<Boolean> validate(ValidationDepth depth) {
            return Mono.just(true);
        }
    }

    private final class RecordingStatement implements Statement {

        private final String sql;

        private final List<Map<Integer, Object>> bindings = new ArrayList<>(List.of(new TreeMap<>()));

        RecordingStatement(String sql) {
            this.sql = sql;
        }

        @Override
        public Statement add() {
            this.bindings.add(new TreeMap<>());
            return this;
        }

        @Override
        public Statement bind(int index, Object value) {
            this.bindings.get(this.bindings.size() - 1).put(index, value);
            return this;
        }

        @Override
        public Statement bind(String name, Object value) {
            throw new UnsupportedOperationException("async-orm binds by index");
        }

        @Override
        public Statement bindNull(int index, Class<?> type) {
            this.bindings.get(this.bindings.size() - 1).put(index, NULL);
            return this;
        }

        @Override
        public Statement bindNull(String name, Class<?> type) {
            throw new UnsupportedOperationException("async-orm binds by index");
        }

        @Override
        public Publisher<? extends Result> execute() {
            return Flux.defer(() -> {
                List<Map<Integer, Object>> sets = this.bindings.size() == 1 && this.bindings.get(0).isEmpty() ? List.of()
                        : List.copyOf(this.bindings);
                Execution execution = new Execution(this.sql, sets);
                RecordingConnectionFactory.this.executions.add(execution);
                return Mono.just(new RecordedResult(answerFor(execution)));
            });
        }
    }

    /** What a NULL binding is recorded as. */
    public static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "NULL";
        }
    };

    private record RecordedResult(Answer answer) implements Result {

        @Override
        public Publisher<Long> getRowsUpdated() {
            return this.answer.updated() < 0 ? Mono.empty() : Mono.just(this.answer.updated());
        }

        @Override
        public <T> Publisher<T> map(BiFunction<Row, RowMetadata, ? extends T> mapping) {
            return Flux.fromIterable(this.answer.rows()).map(values -> {
                RecordedRow row = new RecordedRow(values);
                return mapping.apply(row, row.getMetadata());
            });
        }

        @Override
        public <T> Publisher<T> map(Function<? super Readable, ? extends T> mapping) {
            return Flux.fromIterable(this.answer.rows()).map(values -> mapping.apply(new RecordedRow(values)));
        }

        @Override
        public Result filter(Predicate<Segment> filter) {
            return this;
        }

        @Override
        public <T> Publisher<T> flatMap(Function<Segment, ? extends Publisher<? extends T>> mapping) {
            Flux<Segment> rows = Flux.fromIterable(this.answer.rows()).map(values -> (RowSegment) () -> new RecordedRow(values));
            Flux<Segment> count = this.answer.updated() < 0 ? Flux.empty() : Flux.just((UpdateCount) this.answer::updated);
            return rows.concatWith(count).concatMap(mapping);
        }
    }

    private record RecordedRow(Map<String, Object> values) implements Row {

        @Override
        public RowMetadata getMetadata() {
            List<ColumnMetadata> columns = new ArrayList<>();
            this.values.keySet().forEach(name -> columns.add(new RecordedColumn(name)));
            return new RowMetadata() {
                @Override
                public ColumnMetadata getColumnMetadata(int index) {
                    return columns.get(index);
                }

                @Override
                public ColumnMetadata getColumnMetadata(String name) {
                    return columns.stream().filter(column -> column.getName().equalsIgnoreCase(name)).findFirst()
                            .orElseThrow(() -> new NoSuchElementException(name));
                }

                @Override
                public List<? extends ColumnMetadata> getColumnMetadatas() {
                    return columns;
                }

                @Override
                public boolean contains(String name) {
                    return RecordedRow.this.values.containsKey(name);
                }
            };
        }

        @Override
        public <T> T get(int index, Class<T> type) {
            return type.cast(new ArrayList<>(this.values.values()).get(index));
        }

        @Override
        public <T> T get(String name, Class<T> type) {
            return type.cast(this.values.get(name));
        }
    }

    private record RecordedColumn(String name) implements ColumnMetadata {

        @Override
        public String getName() {
            return this.name;
        }

        @Override
        public io.r2dbc.spi.Type getType() {
            return new io.r2dbc.spi.Type() {
                @Override
                public Class<?> getJavaType() {
                    return Object.class;
                }

                @Override
                public String getName() {
                    return "unknown";
                }
            };
        }
    }
}
