package io.asyncorm.orm;

import io.asyncorm.internal.SyncBridge;
import io.asyncorm.orm.internal.SyncLoader;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * A session's runSync blocks: each runs on a blocking-allowed thread of the {@link SyncBridge}, holding the
 * session's guard for its whole length, and on that thread (only) unloaded attributes load when read. A
 * cancelled block is interrupted, waited for, and its transaction rolled back.
 */
final class SessionRunSync implements SyncLoader {

    private final SessionGuard guard;

    private final BiFunction<Object, String, Mono<Object>> fetch;

    /**
     * The runSync blocks of one session.
     *
     * @param guard the session's guard
     * @param fetch loads one attribute of an object of the session and gives its value
     */
    SessionRunSync(SessionGuard guard, BiFunction<Object, String, Mono<Object>> fetch) {
        this.guard = guard;
        this.fetch = fetch;
    }

    <T> Mono<T> run(DefaultSyncSession sync, Function<? super SyncSession, ? extends T> block, Supplier<Mono<Void>> rollback) {
        return Mono.defer(() -> {
            if (!this.guard.tryEnter("runSync")) {
                return Mono.error(this.guard.concurrentUse("runSync"));
            }
            Mono<T> run = SyncBridge.<T>run(() -> {
                this.guard.blockThread(Thread.currentThread());
                try {
                    return block.apply(sync);
                } finally {
                    this.guard.blockThread(null);
                    sync.end();
                }
            }, () -> SessionTransactions.andAlways(rollback.get().onErrorResume(error -> {
                LoggerFactory.getLogger(AsyncSession.class).warn("Rolling back after a cancelled runSync failed: {}", error.toString());
                return Mono.empty();
            }), () -> this.guard.release("runSync")));
            // On cancel the guard is released by the clean-up above, once the block's thread has stopped and the rollback ran.
            return run.doOnSuccess(value -> this.guard.release("runSync")).doOnError(error -> this.guard.release("runSync"));
        });
    }

    @Override
    public boolean canLoadNow() {
        return this.guard.onBlockThread();
    }

    @Override
    public @Nullable Object loadNow(Object entity, String attribute) {
        return SyncBridge.await(this.guard.reentrant(this.fetch.apply(entity, attribute)));
    }
}
