package io.asyncorm.engine;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.Supplier;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/**
 * A cleanup step that, once subscribed, runs to its end even when its subscriber cancels: a connection's release
 * cut short half way would never give its pool slot back. After a cancel its completion is dropped and its failure
 * logged. The step is made at subscription (as by {@code defer}). One operator where {@code defer} and
 * {@code Mono.usingWhen(Mono.just(x), x -> Mono.empty(), x -> cleanup, ...)} cost four.
 */
final class Uncancellable extends Mono<Void> {

    private final Supplier<Mono<Void>> cleanup;

    private final String what;

    private Uncancellable(Supplier<Mono<Void>> cleanup, String what) {
        this.cleanup = cleanup;
        this.what = what;
    }

    /**
     * The step, made at subscription and uncancellable once subscribed (assembled through Reactor's hooks, as its own
     * operators are).
     *
     * @param cleanup makes the step
     * @param what what the step does, for the log line of a failure after a cancel
     * @return the step
     */
    static Mono<Void> of(Supplier<Mono<Void>> cleanup, String what) {
        return onAssembly(new Uncancellable(cleanup, what));
    }

    @Override
    public void subscribe(CoreSubscriber<? super Void> actual) {
        Mono<Void> step;
        try {
            step = this.cleanup.get();
        } catch (RuntimeException ex) {
            Operators.error(actual, ex);
            return;
        }
        step.subscribe(new Inner(actual, this.what));
    }

    private static final class Inner implements CoreSubscriber<Void>, Subscription {

        private static final AtomicIntegerFieldUpdater<Inner> DONE = AtomicIntegerFieldUpdater.newUpdater(Inner.class, "done");

        private final CoreSubscriber<? super Void> actual;

        private final String what;

        /** 1 once the subscriber cancelled or was given a terminal signal: nothing more goes to it. */
        private volatile int done;

        Inner(CoreSubscriber<? super Void> actual, String what) {
            this.actual = actual;
            this.what = what;
        }

        @Override
        public Context currentContext() {
            return this.actual.currentContext();
        }

        @Override
        public void onSubscribe(Subscription subscription) {
            this.actual.onSubscribe(this);
            // The step runs whatever the subscriber asks for: it emits no value, so no demand is owed.
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(Void value) {
            // A Mono<Void> emits no value.
        }

        @Override
        public void onError(Throwable error) {
            if (DONE.compareAndSet(this, 0, 1)) {
                this.actual.onError(error);
            } else {
                EngineCore.logCleanupFailure(this.what + " (after its subscriber cancelled)", error);
            }
        }

        @Override
        public void onComplete() {
            if (DONE.compareAndSet(this, 0, 1)) {
                this.actual.onComplete();
            }
        }

        @Override
        public void request(long n) {
            Operators.validate(n);
        }

        @Override
        public void cancel() {
            // The step goes on; only its signals are dropped.
            DONE.set(this, 1);
        }
    }
}
