package io.asyncorm.engine;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/** A root transaction or a savepoint; its operations are carried out by its connection. */
final class DefaultAsyncTransaction implements AsyncTransaction {

    private final DefaultAsyncConnection connection;

    private final @Nullable String savepoint;

    private volatile boolean active = true;

    DefaultAsyncTransaction(DefaultAsyncConnection connection, @Nullable String savepoint) {
        this.connection = connection;
        this.savepoint = savepoint;
    }

    @Override
    public Mono<Void> commit() {
        return this.connection.commitTransaction(this);
    }

    @Override
    public Mono<Void> rollback() {
        return this.connection.rollbackTransaction(this);
    }

    @Override
    public Mono<Void> close() {
        return rollback();
    }

    @Override
    public boolean isActive() {
        return this.active;
    }

    @Override
    public boolean isNested() {
        return this.savepoint != null;
    }

    @Override
    public AsyncConnection connection() {
        return this.connection;
    }

    @Nullable String savepoint() {
        return this.savepoint;
    }

    void deactivate() {
        this.active = false;
    }

    @Override
    public String toString() {
        return (this.savepoint == null ? "AsyncTransaction" : "AsyncTransaction(" + this.savepoint + ")")
                + (this.active ? "" : " inactive");
    }
}
