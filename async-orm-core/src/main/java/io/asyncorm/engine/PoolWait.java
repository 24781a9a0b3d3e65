package io.asyncorm.engine;

import io.r2dbc.spi.Connection;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/**
 * A checkout from the engine's pool that waits at most the pool timeout, kept by {@link Deadlines} rather than a timer
 * task per checkout (r2dbc-pool's {@code maxAcquireTime} is Reactor's {@code timeout}, which schedules one). It owns
 * what the pool delivers from the moment it exists: a connection that arrives after the wait ended (the limit passed,
 * or the subscriber cancelled) is given back to the pool, where Reactor's {@code timeout} would drop it.
 */
final class PoolWait extends Mono<Connection> {

    private final Mono<Connection> acquire;

    private final Deadlines limit;

    private final Function<Connection, Mono<Void>> release;

    private final Supplier<Throwable> expired;

    /**
     * @param acquire the checkout
     * @param limit the pool timeout
     * @param release gives a connection back to the pool
     * @param expired the error of a checkout that waited too long
     */
    PoolWait(Mono<Connection> acquire, Deadlines limit, Function<Connection, Mono<Void>> release, Supplier<Throwable> expired) {
        this.acquire = acquire;
        this.limit = limit;
        this.release = release;
        this.expired = expired;
    }

    @Override
    public void subscribe(CoreSubscriber<? super Connection> actual) {
        Waiting waiting = new Waiting(actual, this);
        actual.onSubscribe(waiting);
        if (waiting.state != Waiting.WAITING) {
            return;
        }
        this.limit.limit().subscribe(waiting.timer);
        this.acquire.subscribe(waiting);
    }

    private static final class Waiting implements CoreSubscriber<Connection>, Subscription {

        static final int WAITING = 0;

        static final int DELIVERED = 1;

        static final int ENDED = 2;

        @SuppressWarnings("rawtypes")
        private static final AtomicIntegerFieldUpdater<Waiting> STATE = AtomicIntegerFieldUpdater.newUpdater(Waiting.class, "state");

        private final CoreSubscriber<? super Connection> actual;

        private final PoolWait parent;

        final Timer timer = new Timer(this);

        private volatile @Nullable Subscription upstream;

        private volatile boolean requested;

        volatile int state;

        Waiting(CoreSubscriber<? super Connection> actual, PoolWait parent) {
            this.actual = actual;
            this.parent = parent;
        }

        @Override
        public Context currentContext() {
            return this.actual.currentContext();
        }

        @Override
        public void onSubscribe(Subscription subscription) {
            this.upstream = subscription;
            if (this.state != WAITING) {
                subscription.cancel();
            } else if (this.requested) {
                subscription.request(Long.MAX_VALUE);
            }
        }

        @Override
        public void request(long n) {
            if (Operators.validate(n)) {
                this.requested = true;
                Subscription current = this.upstream;
                if (current != null) {
                    current.request(Long.MAX_VALUE);
                }
            }
        }

        @Override
        public void onNext(Connection connection) {
            if (STATE.compareAndSet(this, WAITING, DELIVERED)) {
                this.timer.cancel();
                this.actual.onNext(connection);
                this.actual.onComplete();
            } else if (this.state == ENDED) {
                // Owned from the moment it exists: a connection delivered after the wait ended goes back to the pool, as
                // usingWhen runs its cleanup when its subscriber has gone (there is no one left to tell of a failure).
                this.parent.release.apply(connection).subscribe(new LoggedCleanup("Giving back a connection delivered after its checkout ended"));
            }
        }

        @Override
        public void onError(Throwable error) {
            if (STATE.compareAndSet(this, WAITING, DELIVERED)) {
                this.timer.cancel();
                this.actual.onError(error);
            } else if (this.state == ENDED) {
                Operators.onErrorDropped(error, currentContext());
            }
        }

        @Override
        public void onComplete() {
            if (STATE.compareAndSet(this, WAITING, DELIVERED)) {
                this.timer.cancel();
                this.actual.onComplete();
            }
        }

        @Override
        public void cancel() {
            if (STATE.compareAndSet(this, WAITING, ENDED)) {
                this.timer.cancel();
                cancelUpstream();
            }
        }

        /** The pool timeout passed before the pool delivered. */
        void expire() {
            if (STATE.compareAndSet(this, WAITING, ENDED)) {
                cancelUpstream();
                this.actual.onError(this.parent.expired.get());
            }
        }

        private void cancelUpstream() {
            Subscription current = this.upstream;
            if (current != null) {
                current.cancel();
            }
        }
    }

    /** Receives the pool timeout's signal. */
    private static final class Timer implements CoreSubscriber<Long> {

        private final Waiting waiting;

        private volatile @Nullable Subscription subscription;

        private volatile boolean cancelled;

        Timer(Waiting waiting) {
            this.waiting = waiting;
        }

        @Override
        public void onSubscribe(Subscription subscription) {
            this.subscription = subscription;
            if (this.cancelled || this.waiting.state != Waiting.WAITING) {
                subscription.cancel();
            } else {
                subscription.request(1);
            }
        }

        @Override
        public void onNext(Long tick) {
            this.waiting.expire();
        }

        @Override
        public void onError(Throwable error) {
        }

        @Override
        public void onComplete() {
        }

        void cancel() {
            this.cancelled = true;
            Subscription current = this.subscription;
            if (current != null) {
                current.cancel();
            }
        }
    }
}
