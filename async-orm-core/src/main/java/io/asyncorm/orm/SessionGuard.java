package io.asyncorm.orm;

import io.asyncorm.exception.InvalidRequestError;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.context.Context;
import reactor.util.retry.Retry;

/**
 * One session's guard against overlapping use: at most one operation runs at a time, and one subscribed
 * while another runs fails at once instead of corrupting state. Work running inside the operation that
 * holds the guard passes it: the operation's listeners and its runSync block (marked in the Reactor
 * context, or by the block's thread for in-memory calls). Closing operations wait for the running one
 * instead of failing.
 */
final class SessionGuard {

    private final AtomicReference<@Nullable String> busy = new AtomicReference<>();

    /** Completed when the running operation finishes, for a close waiting on it. */
    private volatile Sinks.@Nullable Empty<Void> idle;

    /** Marks, in the Reactor context, work running inside one of this session's operations (its listeners, a runSync block). */
    private final Object reentryKey = new Object();

    /** How many listener calls are running: while one is, the in-memory methods are allowed during an operation. */
    private final AtomicInteger inCallback = new AtomicInteger();

    /** The thread running the session's runSync block, if one runs. */
    private volatile @Nullable Thread blockThread;

    /**
     * Runs an operation, failing at once if another one is still running. The guard is released before the
     * result is passed on, so work chained after the result may use the session.
     */
    <T> Mono<T> run(String operation, Supplier<Mono<T>> body) {
        return GuardedOperation.of(this, operation, body, null);
    }

    /**
     * Runs a closing operation once the running one (if any) has finished, instead of failing: a cancelled
     * operation may still be finishing on another thread when the cleanup of its pipeline closes the session,
     * and the session must still release what that operation checks out.
     */
    Mono<Void> runClosing(String operation, Supplier<Mono<Void>> body) {
        return GuardedOperation.of(this, operation, body, () -> closeWhenIdle(operation, body));
    }

    /** A closing operation that found the guard taken: it waits until the running operation ends, then runs. */
    private Mono<Void> closeWhenIdle(String operation, Supplier<Mono<Void>> body) {
        Mono<Void> attempt = whenIdle().then(run(operation, body));
        // Retried only when another operation took the guard between whenIdle and run: the usual close pays no retry
        // machinery (a retryWhen per close was a measurable part of a fresh-session get).
        return attempt.onErrorResume(ConcurrentUseError.class,
                raced -> attempt.retryWhen(Retry.max(1000).filter(ConcurrentUseError.class::isInstance)));
    }

    /** The Reactor context key that marks work running inside one of this session's operations. */
    Object reentryKey() {
        return this.reentryKey;
    }

    /** Marks a publisher as running inside the current operation, so its session calls pass the guard. */
    <T> Mono<T> reentrant(Mono<T> work) {
        return work.contextWrite(Context.of(this.reentryKey, Boolean.TRUE));
    }

    /** For the in-memory methods: refuses while an operation runs, unless called by its listener or its runSync block. */
    void requireIdle(String operation) {
        if (this.busy.get() != null && this.inCallback.get() == 0 && this.blockThread != Thread.currentThread()) {
            throw concurrentUse(operation);
        }
    }

    /** Runs one listener call; while it runs, the in-memory methods accept the listener's calls. */
    Mono<Void> callback(Supplier<? extends Publisher<Void>> listener) {
        return Mono.using(this.inCallback::incrementAndGet, calls -> reentrant(Mono.from(listener.get())),
                calls -> this.inCallback.decrementAndGet());
    }

    /** Takes the guard for an operation that releases it itself ({@link #release}). */
    boolean tryEnter(String operation) {
        return this.busy.compareAndSet(null, operation);
    }

    void release(String operation) {
        if (this.busy.compareAndSet(operation, null)) {
            Sinks.Empty<Void> waiting = this.idle;
            if (waiting != null) {
                this.idle = null;
                waiting.tryEmitEmpty();
            }
        }
    }

    /** Records the thread of the runSync block now running (null when it has left). */
    void blockThread(@Nullable Thread thread) {
        this.blockThread = thread;
    }

    /** Whether the current thread runs the session's runSync block. */
    boolean onBlockThread() {
        return this.blockThread == Thread.currentThread();
    }

    /** Completes when no operation is running (at once if none is). */
    private Mono<Void> whenIdle() {
        return Mono.defer(() -> {
            if (this.busy.get() == null) {
                return Mono.empty();
            }
            Sinks.Empty<Void> waiting;
            synchronized (this) {
                waiting = this.idle;
                if (waiting == null) {
                    waiting = Sinks.empty();
                    this.idle = waiting;
                }
            }
            if (this.busy.get() == null) {
                // Released between the two checks: the releaser may not have seen the sink.
                waiting.tryEmitEmpty();
            }
            return waiting.asMono();
        });
    }

    InvalidRequestError concurrentUse(String operation) {
        return new ConcurrentUseError("This session is already running " + this.busy.get() + "() and cannot start " + operation
                + "(): an AsyncSession is not safe for concurrent use. Run its operations one after another (then, concatMap), "
                + "or give each concurrent branch its own session");
    }

    /** Overlapping use of a session; closing operations wait and retry instead. */
    private static final class ConcurrentUseError extends InvalidRequestError {

        private static final long serialVersionUID = 1L;

        ConcurrentUseError(String message) {
            super(message);
        }
    }
}
