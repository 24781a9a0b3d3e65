package io.asyncorm.engine;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/** A root transaction or a savepoint; its commands are sent by its connection's {@link ConnectionTransactions}. */
final class DefaultAsyncTransaction implements AsyncTransaction {

    private final ConnectionTransactions commands;

    private final @Nullable String savepoint;

    private volatile boolean active = true;

    DefaultAsyncTransaction(ConnectionTransactions commands, @Nullable String savepoint) {
        this.commands = commands;
        this.savepoint = savepoint;
    }

    @Override
    public Mono<Void> commit() {
        return this.commands.commit(this);
    }

    @Override
    public Mono<Void> rollback() {
        return this.commands.rollback(this);
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
        return this.commands.connection();
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
