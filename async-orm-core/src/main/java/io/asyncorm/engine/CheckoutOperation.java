package io.asyncorm.engine;

import io.r2dbc.spi.Connection;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/**
 * One checkout as a single operator: it takes a connection from the engine's current source, runs the connect
 * listeners (the first time the physical connection is seen) and the checkout listeners, and emits what the caller
 * makes of the checkout. It owns the connection from the moment the source delivers it until its subscriber has it:
 * a cancel before then, or a failed listener, gives it back, exactly once (then the listener's error is passed on).
 * Whichever of the emission and a cancel comes first wins, so a connection is either emitted or given back, never both
 * nor neither. It does what {@code defer}, {@code usingWhen} (and its three inner subscribers), {@code onErrorMap} and
 * a {@code just} did for every checkout, in one subscriber.
 */
final class CheckoutOperation<T> extends Mono<T> {

    private final EngineCore core;

    private final Function<EngineCore.Checkout, T> wrap;

    private CheckoutOperation(EngineCore core, Function<EngineCore.Checkout, T> wrap) {
        this.core = core;
        this.wrap = wrap;
    }

    /** The checkout (assembled through Reactor's hooks, as its own operators are). */
    static <T> Mono<T> of(EngineCore core, Function<EngineCore.Checkout, T> wrap) {
        return onAssembly(new CheckoutOperation<>(core, wrap));
    }

    @Override
    public void subscribe(CoreSubscriber<? super T> actual) {
        ConnectionSource from = this.core.source();
        Mono<Connection> acquire;
        try {
            acquire = from.acquire();
        } catch (RuntimeException ex) {
            Operators.error(actual, this.core.checkoutFailure(ex));
            return;
        }
        acquire.subscribe(new Taking<>(actual, this.core, from, this.wrap));
    }

    /** A checkout under way: subscriber of the source's connection, and subscription of the caller. */
    private static final class Taking<T> implements CoreSubscriber<Connection>, Subscription {

        static final int WAITING = 0;

        /** Emitted, or failed: the subscriber has been (or is being) told. */
        static final int DONE = 1;

        static final int CANCELLED = 2;

        @SuppressWarnings("rawtypes")
        private static final AtomicIntegerFieldUpdater<Taking> STATE = AtomicIntegerFieldUpdater.newUpdater(Taking.class, "state");

        @SuppressWarnings("rawtypes")
        private static final AtomicIntegerFieldUpdater<Taking> GIVEN_BACK = AtomicIntegerFieldUpdater.newUpdater(Taking.class,
                "givenBack");

        private final CoreSubscriber<? super T> actual;

        private final EngineCore core;

        private final ConnectionSource from;

        private final Function<EngineCore.Checkout, T> wrap;

        private @Nullable Subscription upstream;

        /** The connection, from the moment the source delivers it. */
        private volatile @Nullable Connection pooled;

        /** The running listeners' subscription, while they run. */
        private volatile @Nullable Subscription listening;

        volatile int state;

        private volatile int givenBack;

        Taking(CoreSubscriber<? super T> actual, EngineCore core, ConnectionSource from, Function<EngineCore.Checkout, T> wrap) {
            this.actual = actual;
            this.core = core;
            this.from = from;
            this.wrap = wrap;
        }

        @Override
        public Context currentContext() {
            return this.actual.currentContext();
        }

        @Override
        public void onSubscribe(Subscription subscription) {
            if (Operators.validate(this.upstream, subscription)) {
                this.upstream = subscription;
                this.actual.onSubscribe(this);
            }
        }

        @Override
        public void request(long n) {
            Subscription current = this.upstream;
            if (current != null) {
                current.request(n);
            }
        }

        @Override
        public void onNext(Connection connection) {
            this.pooled = connection;
            if (this.state != WAITING) {
                giveBack();
                return;
            }
            EngineCore.Checkout checkout;
            Mono<Void> listeners;
            try {
                Connection physical = PhysicalConnections.unwrap(connection);
                checkout = new EngineCore.Checkout(this.from, connection, physical, this.core.physical.state(physical));
                listeners = this.core.checkoutListeners(checkout);
            } catch (RuntimeException ex) {
                fail(ex);
                return;
            }
            if (listeners == Mono.<Void>empty()) {
                deliver(checkout);
            } else {
                listeners.subscribe(new Listening(this, checkout));
            }
        }

        @Override
        public void onError(Throwable error) {
            if (this.pooled != null) {
                return;
            }
            if (STATE.compareAndSet(this, WAITING, DONE)) {
                this.actual.onError(this.core.checkoutFailure(error));
            } else {
                Operators.onErrorDropped(error, currentContext());
            }
        }

        @Override
        public void onComplete() {
            if (this.pooled == null && STATE.compareAndSet(this, WAITING, DONE)) {
                this.actual.onComplete();
            }
        }

        @Override
        public void cancel() {
            if (!STATE.compareAndSet(this, WAITING, CANCELLED)) {
                return;
            }
            Subscription running = this.listening;
            if (running != null) {
                running.cancel();
            }
            Subscription current = this.upstream;
            if (this.pooled == null && current != null) {
                // Before the source delivered: the checkout is withdrawn (after, the source has nothing left to cancel).
                current.cancel();
            }
            // A connection arriving after this read sees the cancel in onNext and is given back there.
            if (this.pooled != null) {
                giveBack();
            }
        }

        /** Emits what the caller makes of the checkout, unless a cancel came first: then the connection goes back. */
        void deliver(EngineCore.Checkout checkout) {
            T made;
            try {
                made = this.wrap.apply(checkout);
            } catch (RuntimeException ex) {
                fail(ex);
                return;
            }
            if (STATE.compareAndSet(this, WAITING, DONE)) {
                this.actual.onNext(made);
                this.actual.onComplete();
            } else {
                giveBack();
            }
        }

        /** A listener (or the wrap) failed: the connection goes back, then the error is passed on. */
        void fail(Throwable error) {
            if (!STATE.compareAndSet(this, WAITING, DONE)) {
                giveBack();
                return;
            }
            Connection connection = this.pooled;
            if (connection == null || !GIVEN_BACK.compareAndSet(this, 0, 1)) {
                this.actual.onError(error);
                return;
            }
            this.from.release(connection).subscribe(new FailAfterRelease(this.actual, error));
        }

        /** Gives the connection back after a cancel, once (a cancel and the hand-over's loser may both call it). */
        private void giveBack() {
            Connection connection = this.pooled;
            if (connection != null && GIVEN_BACK.compareAndSet(this, 0, 1)) {
                this.from.release(connection).subscribe(new LoggedCleanup("Giving back a connection whose checkout was cancelled"));
            }
        }
    }

    /** Runs the connect and checkout listeners of a checkout, then emits it (or gives it back if they fail). */
    private static final class Listening implements CoreSubscriber<Void> {

        private final Taking<?> taking;

        private final EngineCore.Checkout checkout;

        Listening(Taking<?> taking, EngineCore.Checkout checkout) {
            this.taking = taking;
            this.checkout = checkout;
        }

        @Override
        public Context currentContext() {
            return this.taking.currentContext();
        }

        @Override
        public void onSubscribe(Subscription subscription) {
            this.taking.listening = subscription;
            if (this.taking.state != Taking.WAITING) {
                subscription.cancel();
            } else {
                subscription.request(Long.MAX_VALUE);
            }
        }

        @Override
        public void onNext(Void nothing) {
        }

        @Override
        public void onError(Throwable error) {
            this.taking.fail(error);
        }

        @Override
        public void onComplete() {
            this.taking.deliver(this.checkout);
        }
    }

    /** Passes a failed checkout's error on once its connection has gone back (a failed give-back is added to it). */
    private record FailAfterRelease(CoreSubscriber<?> actual, Throwable error) implements CoreSubscriber<Void> {

        @Override
        public Context currentContext() {
            return this.actual.currentContext();
        }

        @Override
        public void onSubscribe(Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(Void nothing) {
        }

        @Override
        public void onError(Throwable releaseError) {
            this.error.addSuppressed(releaseError);
            this.actual.onError(this.error);
        }

        @Override
        public void onComplete() {
            this.actual.onError(this.error);
        }
    }
}
