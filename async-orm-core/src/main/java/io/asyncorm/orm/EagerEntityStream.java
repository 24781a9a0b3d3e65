package io.asyncorm.orm;

import io.asyncorm.engine.AsyncConnection;
import io.asyncorm.dialect.Dialect;
import io.asyncorm.engine.ExecutionOptions;
import io.asyncorm.exception.InvalidRequestError;
import io.asyncorm.orm.internal.Connections;
import io.asyncorm.orm.internal.EntityLoader;
import io.asyncorm.orm.internal.EntityMapping;
import io.asyncorm.orm.internal.EntityState;
import io.asyncorm.orm.internal.SessionState;
import io.asyncorm.result.AsyncResult;
import io.asyncorm.result.Result;
import io.asyncorm.result.Row;
import io.asyncorm.result.RowKeys;
import io.asyncorm.sql.CompiledStatement;
import io.asyncorm.sql.Executable;
import io.asyncorm.sql.Sql;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The stream of an entity query whose relationships load eagerly (SELECTIN, or JOINED many-to-one), which needs a
 * second statement, or whole parents, while the rows are read. Each batch of rows becomes objects, has its
 * relationships loaded (one IN query per SELECTIN relationship), and only then is emitted; the next batch is read after
 * that, so memory holds one batch. How the batches are read depends on the database:
 * <ul>
 * <li>PostgreSQL: the query is a SQL cursor of the transaction ({@code DECLARE ... CURSOR}) read with {@code FETCH n}:
 * each batch is a buffered statement, so the IN query runs on the same connection between two of them;</li>
 * <li>H2: the query is streamed as any other and the IN query runs beside it on the same connection (the embedded
 * database keeps the open result);</li>
 * <li>MariaDB (one result at a time on the wire, no fetch size in r2dbc-mariadb 1.4): the rows are read first, then
 * loaded, then streamed, SQLAlchemy's behaviour without {@code yield_per}.</li>
 * </ul>
 * A JOINED collection repeats its parent over several rows, which a batch may split: such a query reads its rows first,
 * and with an explicit yield-per it is refused, as SQLAlchemy refuses it.
 */
final class EagerEntityStream {

    private static final AtomicLong CURSORS = new AtomicLong();

    private final SessionState state;

    private final EntityLoader loader;

    private final Connections connections;

    private final SessionListeners listeners;

    EagerEntityStream(SessionState state, EntityLoader loader, Connections connections, SessionListeners listeners) {
        this.state = state;
        this.loader = loader;
        this.connections = connections;
        this.listeners = listeners;
    }

    /**
     * Opens the stream.
     *
     * @param query the entity query
     * @param mapping its mapping
     * @param connection the session's connection for it
     * @param yieldPer the yield-per the query or connection asked for, if any
     * @param buffered runs the query buffered, as {@code execute} does, where the rows are read first (MariaDB, a
     *     joined collection)
     * @return the result of entity rows
     */
    Mono<AsyncResult> open(EntitySelect<?> query, EntityMapping<?> mapping, AsyncConnection connection, @Nullable Integer yieldPer,
            Supplier<Mono<Result>> buffered) {
        int batch = yieldPer != null ? yieldPer : connection.engine().options().fetchSize();
        Dialect dialect = connection.dialect();
        if (query.joins().hasCollections()) {
            if (yieldPer != null) {
                return Mono.error(new InvalidRequestError("yieldPer is not compatible with joined eager loading of a collection "
                        + "in " + query.entityType().getSimpleName() + ": a batch could split one parent's rows. Load the "
                        + "collection with selectinload, or stream without yieldPer (the rows are then read first)"));
            }
            return readFirst(buffered, batch);
        }
        RowKeys keys = RowKeys.of(List.of(mapping.entityType().getSimpleName()));
        if (dialect.supportsDeclaredCursors()) {
            String cursor = "asyncorm_cursor_" + CURSORS.incrementAndGet();
            Executable fetch = Sql.text("FETCH FORWARD " + batch + " FROM " + cursor);
            Flux<Row> rows = batches(query, mapping, connection, fetch, batch, keys)
                    .concatWith(Mono.defer(() -> connection.execute(Sql.text("CLOSE " + cursor))).then(Mono.empty()));
            return connection.execute(new DeclaredCursor(cursor, query), List.of(), ExecutionOptions.none())
                    .then(AsyncResult.open(rows, batch));
        }
        if (dialect.supportsStatementsWhileStreaming()) {
            // concatMap without prefetch: the next batch is read once this one's loads ran and its objects were emitted.
            ExecutionOptions options = ExecutionOptions.builder().yieldPer(batch).build();
            return connection.stream(query.withoutExecutionOptions(), Map.of(), options).flatMap(result -> AsyncResult.open(
                    result.partitions(batch).concatMap(rows -> load(query, mapping, rows, keys), 0), batch));
        }
        return readFirst(buffered, batch);
    }

    private static Mono<AsyncResult> readFirst(Supplier<Mono<Result>> buffered, int batch) {
        return buffered.get().flatMap(result -> AsyncResult.open(Flux.fromIterable(result.all()), batch));
    }

    /**
     * The batches, one after another: the next FETCH is subscribed only once this batch's loads ran and its rows were
     * emitted ({@code concatMap} without prefetch asks for the next one then), so the connection never has two statements
     * at once (a {@code repeat()} would subscribe the next FETCH while this batch's IN query is still running). Not a
     * recursion of {@code concatWith}: that keeps every batch reachable from the chain, and memory grows with the rows.
     */
    private Flux<Row> batches(EntitySelect<?> query, EntityMapping<?> mapping, AsyncConnection connection, Executable fetch, int batch,
            RowKeys keys) {
        return Flux.defer(() -> {
            AtomicBoolean last = new AtomicBoolean();
            Flux<Executable> fetches = Flux.generate(sink -> {
                if (last.get()) {
                    sink.complete();
                } else {
                    sink.next(fetch);
                }
            });
            return fetches.concatMap(next -> connection.execute(next).flatMapMany(result -> {
                List<Row> fetched = result.all();
                last.set(fetched.size() < batch);
                return fetched.isEmpty() ? Flux.<Row>empty() : load(query, mapping, fetched, keys);
            }), 0);
        });
    }

    /** One batch: rows to objects, their relationships loaded, then the objects as rows of the result. */
    private Flux<Row> load(EntitySelect<?> query, EntityMapping<?> mapping, List<Row> fetched, RowKeys keys) {
        boolean listening = this.listeners.recordStreamLoads();
        List<Object> entities;
        Mono<Void> relationships;
        synchronized (this.state) {
            if (query.joins().isEmpty()) {
                // The loaders take the states the rows gave (no lookup by object; an object given twice is loaded once).
                entities = new ArrayList<>(fetched.size());
                List<EntityState> states = new ArrayList<>(fetched.size());
                for (Row row : fetched) {
                    EntityState loaded = this.loader.loadState(mapping, row, 0, query.isPopulateExisting());
                    entities.add(loaded.entity());
                    states.add(loaded);
                }
                relationships = this.loader.loadRelationshipsOf(this.connections, mapping, states, query.plan(),
                        query.isPopulateExisting());
            } else {
                entities = this.loader.joined(mapping, query.joins(), fetched, query.isPopulateExisting());
                relationships = this.loader.loadRelationships(this.connections, mapping, entities, query.plan(),
                        query.isPopulateExisting());
            }
        }
        Mono<Void> loads = listening ? this.listeners.fireLoads() : Mono.empty();
        return relationships
                .then(loads)
                .thenMany(Flux.fromIterable(entities).map(entity -> new Row(keys, new Object[] {entity})));
    }

    /** {@code DECLARE <name> NO SCROLL CURSOR FOR <query>}: the query's SQL and parameters, as a cursor of the transaction. */
    private record DeclaredCursor(String name, EntitySelect<?> query) implements Executable {

        @Override
        public CompiledStatement compile(Dialect dialect) {
            return this.query.compile(dialect).wrappedIn("DECLARE " + this.name + " NO SCROLL CURSOR FOR ");
        }
    }
}
