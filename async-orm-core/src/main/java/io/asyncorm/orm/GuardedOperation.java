package io.asyncorm.orm;

import io.asyncorm.internal.EndingSubscriber;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
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

    private GuardedOperation(SessionGuard guard, String operation, Supplier<Mono<T>> body, @Nullable Supplier<Mono<T>> whenBusy) {
        this.guard = guard;
        this.operation = operation;
        this.body = body;
        this.whenBusy = whenBusy;
    }

    /** The guarded operation (assembled through Reactor's hooks, as its own operators are). */
    static <T> Mono<T> of(SessionGuard guard, String operation, Supplier<Mono<T>> body, @Nullable Supplier<Mono<T>> whenBusy) {
        return onAssembly(new GuardedOperation<>(guard, operation, body, whenBusy));
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
        // The guard is given back once, before the first terminal signal (so chained work may use the session) or on cancel.
        Runnable release = () -> this.guard.release(this.operation);
        work.subscribe(new EndingSubscriber<>(actual, context.put(this.guard.reentryKey(), Boolean.TRUE), release, release));
    }

    /** The body for work already inside the operation; a body that throws fails the subscriber. */
    private Mono<T> made() {
        try {
            return this.body.get();
        } catch (RuntimeException ex) {
            return Mono.error(ex);
        }
    }
}
