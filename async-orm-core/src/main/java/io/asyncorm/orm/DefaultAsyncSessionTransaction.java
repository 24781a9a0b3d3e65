package io.asyncorm.orm;

import io.asyncorm.engine.AsyncEngine;
import io.asyncorm.engine.AsyncTransaction;
import io.asyncorm.exception.InvalidRequestError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The session's handle on its root transaction or on one savepoint level. A savepoint level holds one
 * SAVEPOINT per connection of the session, including connections opened while it is active.
 */
final class DefaultAsyncSessionTransaction implements AsyncSessionTransaction {

    private final DefaultAsyncSession session;

    private final boolean nested;

    /** The savepoint of a nested transaction on each engine; made on first use (an outer transaction has none). */
    private @Nullable Map<AsyncEngine, AsyncTransaction> savepoints;

    private final Map<Object, @Nullable Object> mark;

    private boolean active = true;

    DefaultAsyncSessionTransaction(DefaultAsyncSession session, boolean nested, Map<Object, @Nullable Object> mark) {
        this.session = session;
        this.nested = nested;
        this.mark = mark;
    }

    /**
     * Commits this transaction; a handle already committed or rolled back refuses, as a Core transaction does,
     * rather than commit whatever the session has begun since.
     */
    @Override
    public Mono<Void> commit() {
        return Mono.defer(() -> {
            if (!this.active) {
                return Mono.error(new InvalidRequestError("This transaction is inactive: it was already committed or rolled back. "
                        + "Begin a new one with session.begin(), or commit the session's current work with session.commit()"));
            }
            return this.nested ? this.session.releaseSavepoint(this) : this.session.commit();
        });
    }

    /** A transaction block's commit, made when it runs: nothing when the block's work already ended the transaction. */
    Mono<Void> commitIfActiveNow() {
        if (!this.active) {
            return Mono.empty();
        }
        return this.nested ? this.session.releaseSavepoint(this) : this.session.commit();
    }

    /** Rolls back this transaction; does nothing when it is already over (so cleanup code may call it again). */
    @Override
    public Mono<Void> rollback() {
        return Mono.defer(() -> {
            if (!this.active) {
                return Mono.empty();
            }
            return this.nested ? this.session.rollbackSavepoint(this) : this.session.rollback();
        });
    }

    /**
     * Rolls back as a transaction block's cleanup after a cancel. An operation of the session may still be finishing
     * then (a cancelled runSync block stops on its own thread, then rolls back itself): the rollback waits for it, as a
     * close does, instead of failing beside it; it does nothing if the transaction is over by then.
     */
    Mono<Void> rollbackAfterCancel() {
        return this.session.rollbackAfterCancel(this);
    }

    @Override
    public boolean isActive() {
        return this.active;
    }

    void end() {
        this.active = false;
    }

    @Override
    public boolean isNested() {
        return this.nested;
    }

    @Override
    public AsyncSession session() {
        return this.session;
    }

    void savepoint(AsyncEngine engine, AsyncTransaction savepoint) {
        if (this.savepoints == null) {
            this.savepoints = new LinkedHashMap<>(4);
        }
        this.savepoints.put(engine, savepoint);
    }

    List<AsyncTransaction> savepoints() {
        return this.savepoints == null ? List.of() : List.copyOf(this.savepoints.values());
    }

    Map<Object, @Nullable Object> mark() {
        return this.mark;
    }

    @Override
    public String toString() {
        return (this.nested ? "AsyncSessionTransaction[nested" : "AsyncSessionTransaction[root") + (this.active ? "]" : ", ended]");
    }
}
