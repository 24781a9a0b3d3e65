package io.asyncorm.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
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

    /**
     * A step, then an action once it has completed ({@code step.then(Mono.fromRunnable(after))} in one operator), or the
     * action at once when the step is {@link Mono#empty()}. Made when called: call it when the step is about to run
     * (inside a step, or a deferred body), as {@link #sequence}.
     *
     * @param step a step that completes empty, or {@link Mono#empty()}
     * @param after what to do once it has completed
     * @return the step and the action
     */
    public static Mono<Void> thenRun(Mono<Void> step, Runnable after) {
        if (step == Mono.<Void>empty()) {
            after.run();
            return step;
        }
        return step.doOnSuccess(done -> after.run());
    }

    /**
     * Steps one after another, each made only when the one before has completed ({@code a.then(Mono.defer(b)).then(...)}),
     * the empty ones costing no operator. The first step is made when called: call it when the steps are about to run
     * (inside a step, or a deferred body), as {@link #each}.
     *
     * A maker that is null stands for a step known, as the sequence is made, to have nothing to do: the step before it
     * then needs no {@code defer} to find that out once it has completed.
     *
     * @param steps makers of steps that complete empty, or {@link Mono#empty()}; null for none
     * @return all the steps
     */
    @SafeVarargs
    public static Mono<Void> sequence(@Nullable Supplier<Mono<Void>>... steps) {
        List<Supplier<Mono<Void>>> all = new ArrayList<>(steps.length);
        for (Supplier<Mono<Void>> step : steps) {
            if (step != null) {
                all.add(step);
            }
        }
        return from(all, 0, Supplier::get);
    }

    /**
     * One step per item, one after another ({@code Flux.fromIterable(items).concatMap(step).then()}), each made only when
     * the one before has completed, the empty ones costing no operator. Made when called: call it when the steps are
     * about to run (inside a step, or a deferred body).
     *
     * @param items the items
     * @param step makes the step of an item: one that completes empty, or {@link Mono#empty()}
     * @param <T> the items' type
     * @return all the steps
     */
    public static <T> Mono<Void> each(List<T> items, Function<? super T, Mono<Void>> step) {
        return from(items, 0, step);
    }

    /** The steps of the items from a position on: the first non-empty one now, the rest once it has completed. */
    private static <T> Mono<Void> from(List<T> items, int start, Function<? super T, Mono<Void>> step) {
        for (int i = start; i < items.size(); i++) {
            Mono<Void> next = step.apply(items.get(i));
            if (next != Mono.<Void>empty()) {
                int after = i + 1;
                return after < items.size() ? next.then(Mono.defer(() -> from(items, after, step))) : next;
            }
        }
        return Mono.empty();
    }
}
