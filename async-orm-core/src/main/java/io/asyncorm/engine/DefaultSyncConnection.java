package io.asyncorm.engine;

import io.asyncorm.exception.InvalidRequestError;
import io.asyncorm.internal.SyncBridge;
import io.asyncorm.result.Result;
import io.asyncorm.result.ScalarResult;
import io.asyncorm.sql.Executable;
import io.r2dbc.spi.Connection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/** A connection's synchronous face: each call waits through the {@link SyncBridge}; refused once its block has ended. */
final class DefaultSyncConnection implements SyncConnection {

    private final AsyncConnection connection;

    private volatile boolean ended;

    DefaultSyncConnection(AsyncConnection connection) {
        this.connection = connection;
    }

    void end() {
        this.ended = true;
    }

    private <T> T call(Supplier<Mono<T>> operation) {
        if (this.ended) {
            throw new InvalidRequestError("This SyncConnection belongs to a runSync block that has ended");
        }
        return SyncBridge.await(operation.get());
    }

    @Override
    public Result execute(Executable statement) {
        return call(() -> this.connection.execute(statement));
    }

    @Override
    public Result execute(Executable statement, Map<String, ?> parameters) {
        return call(() -> this.connection.execute(statement, parameters));
    }

    @Override
    public Result execute(Executable statement, List<? extends Map<String, ?>> parameterSets) {
        return call(() -> this.connection.execute(statement, parameterSets));
    }

    @Override
    public <T> Optional<T> scalar(Executable statement) {
        return call(() -> this.connection.<T>scalar(statement));
    }

    @Override
    public <T> ScalarResult<T> scalars(Executable statement) {
        return call(() -> this.connection.<T>scalars(statement));
    }

    @Override
    public void commit() {
        call(() -> this.connection.commit().thenReturn(Boolean.TRUE));
    }

    @Override
    public void rollback() {
        call(() -> this.connection.rollback().thenReturn(Boolean.TRUE));
    }

    @Override
    public boolean inTransaction() {
        return this.connection.inTransaction();
    }

    @Override
    public AsyncConnection async() {
        return this.connection;
    }

    @Override
    public Connection driverConnection() {
        return call(this.connection::getRawConnection);
    }

    @Override
    public <T> @Nullable T runAsync(Function<? super Connection, ? extends Publisher<T>> work) {
        return call(() -> this.connection.getRawConnection().flatMap(driver -> Mono.from(work.apply(driver))));
    }
}
