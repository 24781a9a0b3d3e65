package io.asyncorm.orm;

import io.asyncorm.internal.SyncBridge;
import io.asyncorm.exception.InvalidRequestError;
import io.asyncorm.result.Result;
import io.asyncorm.result.ScalarResult;
import io.asyncorm.sql.Executable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * A session's synchronous face: each call runs the session's operation as part of the {@code runSync}
 * operation (past the overlapping-use guard it holds) and waits through the {@link SyncBridge}; refused once
 * the block has ended.
 */
final class DefaultSyncSession implements SyncSession {

    private final DefaultAsyncSession session;

    private volatile boolean ended;

    DefaultSyncSession(DefaultAsyncSession session) {
        this.session = session;
    }

    void end() {
        this.ended = true;
    }

    private void check() {
        if (this.ended) {
            throw new InvalidRequestError("This SyncSession belongs to a runSync block that has ended");
        }
    }

    private <T> T await(Supplier<Mono<T>> operation) {
        check();
        return SyncBridge.await(this.session.reentrant(Mono.defer(operation)));
    }

    private void run(Runnable operation) {
        check();
        this.session.asCallback(operation);
    }

    private <T> T value(Supplier<T> operation) {
        check();
        return operation.get();
    }

    @Override
    public AsyncSession async() {
        return this.session;
    }

    @Override
    public void add(Object entity) {
        run(() -> this.session.add(entity));
    }

    @Override
    public void addAll(Iterable<?> entities) {
        run(() -> this.session.addAll(entities));
    }

    @Override
    public void delete(Object entity) {
        await(() -> this.session.delete(entity).thenReturn(Boolean.TRUE));
    }

    @Override
    public <T> Optional<T> get(Class<T> type, Object id) {
        return Optional.ofNullable(await(() -> this.session.get(type, id)));
    }

    @Override
    public <T> T getOne(Class<T> type, Object id) {
        return await(() -> this.session.getOne(type, id));
    }

    @Override
    public <T> T merge(T entity) {
        return await(() -> this.session.merge(entity));
    }

    @Override
    public void refresh(Object entity, String... attributes) {
        await(() -> this.session.refresh(entity, attributes).thenReturn(Boolean.TRUE));
    }

    @Override
    public <T> T fetch(Object entity, String attribute) {
        return await(() -> this.session.fetch(entity, attribute));
    }

    @Override
    public void expire(Object entity, String... attributes) {
        run(() -> this.session.expire(entity, attributes));
    }

    @Override
    public void expireAll() {
        run(() -> this.session.expireAll());
    }

    @Override
    public void expunge(Object entity) {
        run(() -> this.session.expunge(entity));
    }

    @Override
    public void expungeAll() {
        run(() -> this.session.expungeAll());
    }

    @Override
    public boolean contains(Object entity) {
        return value(() -> this.session.contains(entity));
    }

    @Override
    public boolean isModified(Object entity) {
        return value(() -> this.session.isModified(entity));
    }

    @Override
    public Result execute(Executable statement) {
        return await(() -> this.session.execute(statement));
    }

    @Override
    public Result execute(Executable statement, Map<String, ?> parameters) {
        return await(() -> this.session.execute(statement, parameters));
    }

    @Override
    public Result execute(Executable statement, List<? extends Map<String, ?>> parameterSets) {
        return await(() -> this.session.execute(statement, parameterSets));
    }

    @Override
    public <T> ScalarResult<T> scalars(Executable statement) {
        return await(() -> this.session.<T>scalars(statement));
    }

    @Override
    public <T> List<T> list(EntitySelect<T> statement) {
        return await(() -> this.session.list(statement));
    }

    @Override
    public <T> Optional<T> scalar(Executable statement) {
        return await(() -> this.session.<T>scalar(statement));
    }

    @Override
    public void flush() {
        await(() -> this.session.flush().thenReturn(Boolean.TRUE));
    }

    @Override
    public void commit() {
        await(() -> this.session.commit().thenReturn(Boolean.TRUE));
    }

    @Override
    public void rollback() {
        await(() -> this.session.rollback().thenReturn(Boolean.TRUE));
    }

    @Override
    public boolean inTransaction() {
        return value(() -> this.session.inTransaction());
    }
}
