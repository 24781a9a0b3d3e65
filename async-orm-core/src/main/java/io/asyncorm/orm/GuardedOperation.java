package io.asyncorm.orm;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/**
 * One operation run through a session's {@link SessionGuard}, as a single operator: at subscription it passes
 * work already inside an operation (marked in the subscriber's context), or takes the guard (failing at once when
 * another operation holds it, or, for a closing operation, waiting for it), makes the body, marks the body's
 * context as inside the operation, and gives the guard back on the body's first terminal signal, before passing
 * it on, or on cancel. It replaces a chain of five operators ({@code deferContextual}, {@code contextWrite} and
 * three peeks) that every session operation paid for.
 */
final class GuardedOperation<T> extends Mono<T> {

    private final SessionGuard guard;

    private final String operation;

    private final Supplier<Mono<T>> body;

    /** What a closing operation runs instead when another operation holds the guard (null: fail at once). */
    private final @Nullable Supplier<Mono<T>> whenBusy;

    GuardedOperation(SessionGuard guard, String operation, Supplier<Mono<T>> body, @Nullable Supplier<Mono<T>> whenBusy) {
        this.guard = guard;
        this.operation = operation;
        this.body = body;
        this.whenBusy = whenBusy;
    }

    @Override
    public void subscribe(CoreSubscriber<? super T> actual) {
        Context context = actual.currentContext();
        if (context.hasKey(this.guard.reentryKey())) {
            made().subscribe(actual);
            return;
        }
        if (!this.guard.tryEnter(this.operation)) {
            if (this.whenBusy != null) {
                this.whenBusy.get().subscribe(actual);
            } else {
                Operators.error(actual, this.guard.concurrentUse(this.operation));
            }
            return;
        }
        Mono<T> work;
        try {
            work = this.body.get();
        } catch (RuntimeException ex) {
            this.guard.release(this.operation);
            Operators.error(actual, ex);
            return;
        }
        work.subscribe(new Releasing<>(actual, context.put(this.guard.reentryKey(), Boolean.TRUE), this.guard, this.operation));
    }

    /** The body for work already inside the operation; a body that throws fails the subscriber. */
    private Mono<T> made() {
        try {
            return this.body.get();
        } catch (RuntimeException ex) {
            return Mono.error(ex);
        }
    }

    /** Passes the body's signals on, giving the guard back once, before the first terminal signal or on cancel. */
    private static final class Releasing<T> implements CoreSubscriber<T>, Subscription {

        @SuppressWarnings("rawtypes")
        private static final AtomicIntegerFieldUpdater<Releasing> RELEASED = AtomicIntegerFieldUpdater.newUpdater(Releasing.class,
                "released");

        private final CoreSubscriber<? super T> actual;

        private final Context context;

        private final SessionGuard guard;

        private final String operation;

        private @Nullable Subscription upstream;

        private volatile int released;

        Releasing(CoreSubscriber<? super T> actual, Context context, SessionGuard guard, String operation) {
            this.actual = actual;
            this.context = context;
            this.guard = guard;
            this.operation = operation;
        }

        @Override
        public Context currentContext() {
            return this.context;
        }

        @Override
        public void onSubscribe(Subscription subscription) {
            if (Operators.validate(this.upstream, subscription)) {
                this.upstream = subscription;
                this.actual.onSubscribe(this);
            }
        }

        @Override
        public void onNext(T value) {
            release();
            this.actual.onNext(value);
        }

        @Override
        public void onError(Throwable error) {
            release();
            this.actual.onError(error);
        }

        @Override
        public void onComplete() {
            release();
            this.actual.onComplete();
        }

        @Override
        public void request(long n) {
            Subscription current = this.upstream;
            if (current != null) {
                current.request(n);
            }
        }

        @Override
        public void cancel() {
            release();
            Subscription current = this.upstream;
            if (current != null) {
                current.cancel();
            }
        }

        private void release() {
            if (RELEASED.compareAndSet(this, 0, 1)) {
                this.guard.release(this.operation);
            }
        }
    }
}
