package io.asyncorm.orm;

import io.asyncorm.engine.AsyncTransaction;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/** The session's handle on its root transaction or on one savepoint. */
final class DefaultAsyncSessionTransaction implements AsyncSessionTransaction {

    private final DefaultAsyncSession session;

    private final @Nullable AsyncTransaction savepoint;

    private final Map<Object, @Nullable Object> mark;

    private boolean active = true;

    DefaultAsyncSessionTransaction(DefaultAsyncSession session, @Nullable AsyncTransaction savepoint, Map<Object, @Nullable Object> mark) {
        this.session = session;
        this.savepoint = savepoint;
        this.mark = mark;
    }

    @Override
    public Mono<Void> commit() {
        return this.savepoint == null ? this.session.commit() : this.session.releaseSavepoint(this);
    }

    @Override
    public Mono<Void> rollback() {
        return this.savepoint == null ? this.session.rollback() : this.session.rollbackSavepoint(this);
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
        return this.savepoint != null;
    }

    @Override
    public AsyncSession session() {
        return this.session;
    }

    @Nullable AsyncTransaction savepoint() {
        return this.savepoint;
    }

    Map<Object, @Nullable Object> mark() {
        return this.mark;
    }

    @Override
    public String toString() {
        return (isNested() ? "AsyncSessionTransaction[nested" : "AsyncSessionTransaction[root") + (this.active ? "]" : ", ended]");
    }
}
