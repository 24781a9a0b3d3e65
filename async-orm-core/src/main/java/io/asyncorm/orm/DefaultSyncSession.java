package io.asyncorm.orm;

import io.asyncorm.exception.InvalidRequestError;
import io.asyncorm.internal.SyncBridge;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * A session's synchronous face for one runSync block: each wait runs the session's operation as part of
 * the {@code runSync} operation (past the overlapping-use guard it holds) through the {@link SyncBridge};
 * refused once the block has ended.
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

    @Override
    public AsyncSession async() {
        if (this.ended) {
            throw new InvalidRequestError("This SyncSession belongs to a runSync block that has ended");
        }
        return this.session;
    }

    @Override
    public <T> @Nullable T await(Function<? super AsyncSession, ? extends Mono<T>> operation) {
        AsyncSession current = async();
        return SyncBridge.await(this.session.reentrant(Mono.defer(() -> operation.apply(current))));
    }
}
