package io.asyncorm.engine;

import io.asyncorm.internal.EndingSubscriber;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;

/**
 * Driver I/O run with hooks, as one operator (it replaces {@code defer}, {@code doOnTerminate} and {@code doOnCancel}
 * on every statement): {@code marked} runs at subscription, {@code settled} once, before the first value or terminal
 * signal is passed on, and {@code cancelled} on a cancel that comes before it. See {@link ConnectionLink#unsettled}.
 */
final class Unsettled<T> extends Mono<T> {

    private final Mono<T> io;

    private final Runnable marked;

    private final Runnable settled;

    private final Runnable cancelled;

    private Unsettled(Mono<T> io, Runnable marked, Runnable settled, Runnable cancelled) {
        this.io = io;
        this.marked = marked;
        this.settled = settled;
        this.cancelled = cancelled;
    }

    /** The I/O with its hooks (assembled through Reactor's hooks, as its own operators are). */
    static <T> Mono<T> of(Mono<T> io, Runnable marked, Runnable settled, Runnable cancelled) {
        return onAssembly(new Unsettled<>(io, marked, settled, cancelled));
    }

    @Override
    public void subscribe(CoreSubscriber<? super T> actual) {
        this.marked.run();
        this.io.subscribe(new EndingSubscriber<>(actual, actual.currentContext(), this.settled, this.cancelled));
    }
}
