package io.asyncorm.orm;

import io.asyncorm.engine.AsyncConnection;
import io.asyncorm.engine.ExecutionOptions;
import io.asyncorm.orm.internal.Connections;
import io.asyncorm.orm.internal.EntityLoader;
import io.asyncorm.orm.internal.EntityMapping;
import io.asyncorm.orm.internal.SessionState;
import io.asyncorm.result.AsyncResult;
import io.asyncorm.result.Result;
import io.asyncorm.result.Row;
import io.asyncorm.result.RowKeys;
import io.asyncorm.sql.CompiledStatement;
import io.asyncorm.sql.Executable;
import io.asyncorm.sql.Sql;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The stream of an entity query whose relationships load eagerly (SELECTIN), which needs a second statement while
 * the rows are read. On PostgreSQL the query is a SQL cursor of the transaction ({@code DECLARE ... CURSOR}), read
 * with {@code FETCH n}: each batch is a buffered statement, so the batch's IN query runs on the same connection
 * between two of them, and memory holds one batch. Elsewhere the rows are read first, then loaded, then streamed
 * (SQLAlchemy's behaviour without {@code yield_per}).
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
     * @param batch rows per batch (the query's yield-per, else the engine's fetch size)
     * @param buffered runs the query buffered, as {@code execute} does, for the databases without SQL cursors
     * @return the result of entity rows
     */
    Mono<AsyncResult> open(EntitySelect<?> query, EntityMapping<?> mapping, AsyncConnection connection, int batch,
            Supplier<Mono<Result>> buffered) {
        if (!connection.dialect().name().equals("postgresql") || !query.joins().isEmpty()) {
            return buffered.get().flatMap(result -> AsyncResult.open(Flux.fromIterable(result.all()), batch));
        }
        String cursor = "asyncorm_cursor_" + CURSORS.incrementAndGet();
        RowKeys keys = RowKeys.of(List.of(mapping.entityType().getSimpleName()));
        Executable fetch = Sql.text("FETCH FORWARD " + batch + " FROM " + cursor);
        Flux<Row> rows = batches(query, mapping, connection, fetch, batch, keys)
                .concatWith(Mono.defer(() -> connection.execute(Sql.text("CLOSE " + cursor))).then(Mono.empty()));
        return connection.execute(new DeclaredCursor(cursor, query), List.of(), ExecutionOptions.none())
                .then(AsyncResult.open(rows, batch));
    }

    /**
     * The batches, one after another: the next FETCH is subscribed only once this batch's loads ran and its rows were
     * emitted, so the connection never has two statements at once (a {@code repeat()} would subscribe the next FETCH,
     * and check the connection, while this batch's IN query is still running).
     */
    private Flux<Row> batches(EntitySelect<?> query, EntityMapping<?> mapping, AsyncConnection connection, Executable fetch, int batch,
            RowKeys keys) {
        return Mono.defer(() -> connection.execute(fetch)).flatMapMany(result -> {
            List<Row> fetched = result.all();
            Flux<Row> these = fetched.isEmpty() ? Flux.empty() : load(query, mapping, fetched, keys);
            return fetched.size() < batch ? these : these.concatWith(Flux.defer(() -> batches(query, mapping, connection, fetch, batch, keys)));
        });
    }

    /** One batch: rows to objects, their relationships loaded, then the objects as rows of the result. */
    private Flux<Row> load(EntitySelect<?> query, EntityMapping<?> mapping, List<Row> fetched, RowKeys keys) {
        boolean listening = this.listeners.recordStreamLoads();
        List<Object> entities = new ArrayList<>(fetched.size());
        synchronized (this.state) {
            for (Row row : fetched) {
                entities.add(this.loader.entity(mapping, row, 0, query.isPopulateExisting()));
            }
        }
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Object> distinct = entities.stream().filter(seen::add).toList();
        Mono<Void> loads = listening ? this.listeners.fireLoads() : Mono.empty();
        return this.loader.loadRelationships(this.connections, mapping, distinct, query.plan(), query.isPopulateExisting())
                .then(loads)
                .thenMany(Flux.fromIterable(entities).map(entity -> new Row(keys, new Object[] {entity})));
    }

    /** {@code DECLARE <name> NO SCROLL CURSOR FOR <query>}: the query's SQL and parameters, as a cursor of the transaction. */
    private record DeclaredCursor(String name, EntitySelect<?> query) implements Executable {

        @Override
        public CompiledStatement compile(io.asyncorm.dialect.Dialect dialect) {
            return this.query.compile(dialect).wrappedIn("DECLARE " + this.name + " NO SCROLL CURSOR FOR ");
        }
    }
}
