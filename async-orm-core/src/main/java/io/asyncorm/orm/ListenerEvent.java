package io.asyncorm.orm;

import io.asyncorm.engine.AsyncConnection;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/** The event a listener gets: the session, the object (for entity events) and the connection its statements use. */
final class ListenerEvent implements SessionEvents.EntityEvent<Object> {

    private final AsyncSession session;

    private final Object entity;

    private final Supplier<Mono<AsyncConnection>> connection;

    private final @Nullable AsyncSessionTransaction transaction;

    ListenerEvent(AsyncSession session, Object entity, Supplier<Mono<AsyncConnection>> connection) {
        this(session, entity, connection, null);
    }

    ListenerEvent(AsyncSession session, Object entity, Supplier<Mono<AsyncConnection>> connection,
            @Nullable AsyncSessionTransaction transaction) {
        this.session = session;
        this.entity = entity;
        this.connection = connection;
        this.transaction = transaction;
    }

    @Override
    public Optional<AsyncSessionTransaction> transaction() {
        return Optional.ofNullable(this.transaction);
    }

    @Override
    public AsyncSession session() {
        return this.session;
    }

    @Override
    public Object entity() {
        return this.entity;
    }

    @Override
    public Mono<AsyncConnection> connection() {
        return this.connection.get();
    }

    @Override
    public String toString() {
        return "SessionEvent[" + this.session + (this.entity == this.session ? "" : ", " + this.entity) + "]";
    }
}
