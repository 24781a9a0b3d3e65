package io.asyncorm.internal;

import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * Chains steps without paying for the ones that have nothing to do. Most of the engine's and the session's
 * steps are listener calls or cleanups that are empty in the common case (no listener registered, no stream
 * open); each operator layer costs a subscription, a request and a completion per operation, which on the
 * get-by-key path added up to more than the ORM's own work. A step that is {@link Mono#empty()} is skipped.
 */
public final class Steps {

    private Steps() {
    }

    /**
     * The first step, then the next one, made only once the first has completed (as {@code first.then(Mono.defer(next))}),
     * or made at once when the first step is {@link Mono#empty()}.
     *
     * @param first a step that completes empty, or {@link Mono#empty()}
     * @param next makes the step that follows
     * @param <T> the type of the next step's value
     * @return both steps
     */
    public static <T> Mono<T> then(Mono<Void> first, Supplier<Mono<T>> next) {
        return first == Mono.<Void>empty() ? next.get() : first.then(Mono.defer(next));
    }

    /**
     * A step, then a value: {@code step.thenReturn(value)}, or the value alone when the step is {@link Mono#empty()}.
     *
     * @param step a step that completes empty, or {@link Mono#empty()}
     * @param value the value to emit after it
     * @param <T> the value's type
     * @return the value after the step
     */
    public static <T> Mono<T> thenReturn(Mono<Void> step, T value) {
        return step == Mono.<Void>empty() ? Mono.just(value) : step.thenReturn(value);
    }
}
