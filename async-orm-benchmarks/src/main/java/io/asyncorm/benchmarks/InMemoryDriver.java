package io.asyncorm.benchmarks;

import io.r2dbc.spi.Batch;
import io.r2dbc.spi.ColumnMetadata;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import io.r2dbc.spi.ConnectionMetadata;
import io.r2dbc.spi.IsolationLevel;
import io.r2dbc.spi.Nullability;
import io.r2dbc.spi.Parameter;
import io.r2dbc.spi.Readable;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Row;
import io.r2dbc.spi.RowMetadata;
import io.r2dbc.spi.Statement;
import io.r2dbc.spi.TransactionDefinition;
import io.r2dbc.spi.Type;
import io.r2dbc.spi.ValidationDepth;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * An R2DBC driver with no database: it serves the benchmark tables from memory, synchronously, so that a benchmark
 * measures only what a client does with statements and rows. It calls itself PostgreSQL (async-orm picks that dialect,
 * and binds an IN list as one array) and answers the statements W1, W5, W7 and W8 send: {@code bench_parent} (1,000
 * parents) by {@code id <= $1}, {@code bench_child} (10 per parent) by {@code parent_id = ANY($1)}, {@code bench_orm}
 * (10,000 rows, made up from their key) by {@code id = $1}, its INSERT ... RETURNING (a new key) and its UPDATE (one
 * row). Every other statement gets an empty result. Column names come from the select or RETURNING list (its labels,
 * or the column names after the last dot); values are new objects per read, as a driver decoding the wire makes them.
 */
final class InMemoryDriver implements ConnectionFactory {

    private static final Type BIGINT = new SimpleType(Long.class, "int8");

    private static final Type TEXT = new SimpleType(String.class, "text");

    private static final Type INTEGER = new SimpleType(Integer.class, "int4");

    private final List<Object[]> parents = new ArrayList<>();

    private final Map<Long, List<Object[]>> childrenByParent = new HashMap<>();

    private final AtomicLong keys = new AtomicLong(10_000);

    InMemoryDriver(int parents, int childrenEach) {
        long child = 1;
        for (long parent = 1; parent <= parents; parent++) {
            this.parents.add(new Object[] {parent, "parent " + parent});
            List<Object[]> children = new ArrayList<>(childrenEach);
            for (int i = 0; i < childrenEach; i++, child++) {
                children.add(new Object[] {child, "child " + child, parent});
            }
            this.childrenByParent.put(parent, children);
        }
    }

    @Override
    public Publisher<? extends Connection> create() {
        return Mono.fromSupplier(MemoryConnection::new);
    }

    @Override
    public ConnectionFactoryMetadata getMetadata() {
        return () -> "PostgreSQL";
    }

    /** The answer to a statement: rows, or the count of rows an INSERT or UPDATE changed. */
    private MemoryResult answer(String sql, Map<Integer, Object> bindings) {
        String lower = sql.toLowerCase(Locale.ROOT);
        Metadata metadata = new Metadata(labels(sql));
        if (lower.startsWith("insert into bench_orm") && lower.contains(" returning ")) {
            return new MemoryResult(metadata, List.<Object[]>of(new Object[] {this.keys.incrementAndGet()}), 1);
        }
        if (lower.startsWith("update bench_orm")) {
            return new MemoryResult(metadata, List.of(), 1);
        }
        if (lower.contains("from bench_orm") && lower.contains("id = $1")) {
            long id = ((Number) bindings.get(0)).longValue();
            return new MemoryResult(metadata, List.<Object[]>of(new Object[] {id, "name " + id, (int) (id % 100)}), -1);
        }
        if (lower.contains("from bench_child") && lower.contains("any(")) {
            List<Object[]> rows = new ArrayList<>();
            for (Object key : (Object[]) bindings.get(0)) {
                rows.addAll(this.childrenByParent.getOrDefault(((Number) key).longValue(), List.of()));
            }
            return new MemoryResult(metadata, rows, -1);
        }
        if (lower.contains("from bench_parent") && lower.contains("<=")) {
            long last = ((Number) bindings.get(0)).longValue();
            return new MemoryResult(metadata, this.parents.subList(0, (int) Math.min(last, this.parents.size())), -1);
        }
        return new MemoryResult(metadata, List.of(), -1);
    }

    /** The result's column labels, from the select or RETURNING list: an alias, or the name after the last dot. */
    private static List<String> labels(String sql) {
        String lower = sql.toLowerCase(Locale.ROOT);
        int returning = lower.indexOf(" returning ");
        int select = lower.indexOf("select ");
        int from = lower.indexOf(" from ");
        String list = returning >= 0 ? sql.substring(returning + 11) : select >= 0 && from > select ? sql.substring(select + 7, from) : "";
        List<String> labels = new ArrayList<>();
        for (String item : list.split(",")) {
            String trimmed = item.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            int as = trimmed.toLowerCase(Locale.ROOT).lastIndexOf(" as ");
            String label = as >= 0 ? trimmed.substring(as + 4) : trimmed.substring(trimmed.lastIndexOf('.') + 1);
            labels.add(label.replace("\"", "").trim());
        }
        return labels;
    }

    private final class MemoryConnection implements Connection {

        @Override
        public Publisher<Void> beginTransaction() {
            return Mono.empty();
        }

        @Override
        public Publisher<Void> beginTransaction(TransactionDefinition definition) {
            return Mono.empty();
        }

        @Override
        public Publisher<Void> close() {
            return Mono.empty();
        }

        @Override
        public Publisher<Void> commitTransaction() {
            return Mono.empty();
        }

        @Override
        public Batch createBatch() {
            throw new UnsupportedOperationException("no batches in memory");
        }

        @Override
        public Publisher<Void> createSavepoint(String name) {
            return Mono.empty();
        }

        @Override
        public Statement createStatement(String sql) {
            return new MemoryStatement(sql);
        }

        @Override
        public boolean isAutoCommit() {
            return true;
        }

        @Override
        public ConnectionMetadata getMetadata() {
            return new ConnectionMetadata() {
                @Override
                public String getDatabaseProductName() {
                    return "PostgreSQL";
                }

                @Override
                public String getDatabaseVersion() {
                    return "16.0";
                }
            };
        }

        @Override
        public IsolationLevel getTransactionIsolationLevel() {
            return IsolationLevel.READ_COMMITTED;
        }

        @Override
        public Publisher<Void> releaseSavepoint(String name) {
            return Mono.empty();
        }

        @Override
        public Publisher<Void> rollbackTransaction() {
            return Mono.empty();
        }

        @Override
        public Publisher<Void> rollbackTransactionToSavepoint(String name) {
            return Mono.empty();
        }

        @Override
        public Publisher<Void> setAutoCommit(boolean autoCommit) {
            return Mono.empty();
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

    private final class MemoryStatement implements Statement {

        private final String sql;

        private final Map<Integer, Object> bindings = new HashMap<>();

        MemoryStatement(String sql) {
            this.sql = sql;
        }

        @Override
        public Statement add() {
            throw new UnsupportedOperationException("one parameter set in memory");
        }

        @Override
        public Statement bind(int index, Object value) {
            this.bindings.put(index, value instanceof Parameter parameter ? parameter.getValue() : value);
            return this;
        }

        @Override
        public Statement bind(String name, Object value) {
            throw new UnsupportedOperationException("bind by index in memory");
        }

        @Override
        public Statement bindNull(int index, Class<?> type) {
            this.bindings.remove(index);
            return this;
        }

        @Override
        public Statement bindNull(String name, Class<?> type) {
            throw new UnsupportedOperationException("bind by index in memory");
        }

        @Override
        public Publisher<? extends Result> execute() {
            return Mono.fromSupplier(() -> answer(this.sql, this.bindings));
        }
    }

    private record MemoryResult(Metadata metadata, List<Object[]> rows, long updated) implements Result {

        @Override
        public Publisher<Long> getRowsUpdated() {
            return this.updated < 0 ? Mono.empty() : Mono.just(this.updated);
        }

        @Override
        public <T> Publisher<T> map(BiFunction<Row, RowMetadata, ? extends T> mapping) {
            return Flux.fromIterable(this.rows).map(values -> mapping.apply(new MemoryRow(this.metadata, values), this.metadata));
        }

        @Override
        public <T> Publisher<T> map(Function<? super Readable, ? extends T> mapping) {
            return map((row, metadata) -> mapping.apply(row));
        }

        @Override
        public Result filter(Predicate<Segment> filter) {
            return this;
        }

        @Override
        public <T> Publisher<T> flatMap(Function<Segment, ? extends Publisher<? extends T>> mapping) {
            Flux<T> rows = Flux.fromIterable(this.rows).concatMap(values -> {
                MemoryRow row = new MemoryRow(this.metadata, values);
                return mapping.apply((RowSegment) () -> row);
            });
            return this.updated < 0 ? rows : rows.concatWith(Flux.from(mapping.apply((UpdateCount) () -> this.updated)));
        }
    }

    private record MemoryRow(Metadata metadata, Object[] values) implements Row {

        @Override
        public <T> @Nullable T get(int index, Class<T> type) {
            // A new object per read, as a driver decoding the wire makes one.
            Object value = this.values[index];
            Object decoded = value instanceof Long number ? Long.valueOf(number.longValue()) : value instanceof Integer number
                    ? Integer.valueOf(number.intValue()) : value instanceof String text ? new String(text.toCharArray()) : value;
            return type.cast(decoded);
        }

        @Override
        public <T> @Nullable T get(String name, Class<T> type) {
            return get(this.metadata.indexOf(name), type);
        }

        @Override
        public RowMetadata getMetadata() {
            return this.metadata;
        }
    }

    private static final class Metadata implements RowMetadata {

        private final List<ColumnMetadata> columns = new ArrayList<>();

        Metadata(List<String> labels) {
            for (String label : labels) {
                Type type = label.equals("name") ? TEXT : label.equals("score") ? INTEGER : BIGINT;
                this.columns.add(new Column(label, type));
            }
        }

        int indexOf(String name) {
            for (int i = 0; i < this.columns.size(); i++) {
                if (this.columns.get(i).getName().equalsIgnoreCase(name)) {
                    return i;
                }
            }
            throw new NoSuchElementException(name);
        }

        @Override
        public ColumnMetadata getColumnMetadata(int index) {
            return this.columns.get(index);
        }

        @Override
        public ColumnMetadata getColumnMetadata(String name) {
            return this.columns.get(indexOf(name));
        }

        @Override
        public List<? extends ColumnMetadata> getColumnMetadatas() {
            return this.columns;
        }

        @Override
        public boolean contains(String name) {
            return this.columns.stream().anyMatch(column -> column.getName().equalsIgnoreCase(name));
        }
    }

    private record Column(String getName, Type getType) implements ColumnMetadata {

        @Override
        public Nullability getNullability() {
            return Nullability.NULLABLE;
        }
    }

    private record SimpleType(Class<?> getJavaType, String getName) implements Type {
    }
}
