package io.asyncorm.engine;

import io.asyncorm.internal.EndingSubscriber;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;

/**
 * Driver I/O run with hooks, as one operator (it replaces {@code defer}, {@code doOnTerminate} and {@code doOnCancel}
 * on every statement): {@code marked} runs at subscription and may refuse the I/O (it returns the error to signal
 * instead), {@code settled} once, before the first value or terminal signal is passed on, and {@code cancelled} on a
 * cancel that comes before it. See {@link ConnectionLink#unsettled}.
 */
final class Unsettled<T> extends Mono<T> {

    private final Mono<T> io;

    private final Supplier<@Nullable Throwable> marked;

    private final Runnable settled;

    private final Runnable cancelled;

    private Unsettled(Mono<T> io, Supplier<@Nullable Throwable> marked, Runnable settled, Runnable cancelled) {
        this.io = io;
        this.marked = marked;
        this.settled = settled;
        this.cancelled = cancelled;
    }

    /** The I/O with its hooks (assembled through Reactor's hooks, as its own operators are). */
    static <T> Mono<T> of(Mono<T> io, Supplier<@Nullable Throwable> marked, Runnable settled, Runnable cancelled) {
        return onAssembly(new Unsettled<>(io, marked, settled, cancelled));
    }

    @Override
    public void subscribe(CoreSubscriber<? super T> actual) {
        Throwable refused = this.marked.get();
        if (refused != null) {
            Operators.error(actual, refused);
            return;
        }
        this.io.subscribe(new EndingSubscriber<>(actual, actual.currentContext(), this.settled, this.cancelled));
    }
}
