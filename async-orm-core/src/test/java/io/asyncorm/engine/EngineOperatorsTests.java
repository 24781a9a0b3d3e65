package io.asyncorm.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncorm.exception.ResourceClosedError;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

/** The engine's own operators: the uncancellable cleanup step and the unsettled-I/O hooks. */
class EngineOperatorsTests {

    @Test
    void anUncancellableStepRunsToItsEndAfterItsSubscriberCancelled() {
        Sinks.Empty<Void> release = Sinks.empty();
        AtomicBoolean sourceCancelled = new AtomicBoolean();
        AtomicBoolean completed = new AtomicBoolean();
        Mono<Void> step = Uncancellable.of(() -> release.asMono().doOnCancel(() -> sourceCancelled.set(true))
                .doOnSuccess(done -> completed.set(true)), "test release");

        StepVerifier.create(step).expectSubscription().thenCancel().verify();
        assertThat(release.currentSubscriberCount()).as("still subscribed after the cancel").isEqualTo(1);
        release.tryEmitEmpty();

        assertThat(sourceCancelled).isFalse();
        assertThat(completed).isTrue();
    }

    @Test
    void anUncancellableStepPassesItsCompletionAndItsError() {
        StepVerifier.create(Uncancellable.of(Mono::empty, "test")).verifyComplete();
        IllegalStateException failure = new IllegalStateException("release failed");
        StepVerifier.create(Uncancellable.of(() -> Mono.error(failure), "test")).verifyErrorSatisfies(error -> assertThat(error).isSameAs(failure));
        StepVerifier.create(Uncancellable.of(() -> {
            throw failure;
        }, "test")).verifyErrorSatisfies(error -> assertThat(error).isSameAs(failure));
    }

    @Test
    void anUncancellableStepIsMadeAtEachSubscriptionOnly() {
        AtomicInteger made = new AtomicInteger();
        Mono<Void> step = Uncancellable.of(() -> {
            made.incrementAndGet();
            return Mono.empty();
        }, "test");
        assertThat(made).as("assembled, not subscribed").hasValue(0);
        StepVerifier.create(step).verifyComplete();
        StepVerifier.create(step).verifyComplete();
        assertThat(made).hasValue(2);
    }

    @Test
    void unsettledIoMarksAtSubscriptionAndSettlesBeforeItsValueIsPassedOn() {
        List<String> seen = new CopyOnWriteArrayList<>();
        Mono<String> io = Unsettled.of(Mono.fromSupplier(() -> {
            seen.add("io");
            return "row";
        }), marked(seen), () -> seen.add("settled"), () -> seen.add("cancelled"));

        StepVerifier.create(io.doOnNext(value -> seen.add("next " + value))).expectNext("row").verifyComplete();

        assertThat(seen).containsExactly("marked", "io", "settled", "next row");
    }

    @Test
    void unsettledIoCancelledBeforeItsAnswerRunsTheCancelHookOnlyAndAFailureSettles() {
        List<String> seen = new CopyOnWriteArrayList<>();
        Sinks.One<String> answer = Sinks.one();
        Mono<String> io = Unsettled.of(answer.asMono(), marked(seen), () -> seen.add("settled"), () -> seen.add("cancelled"));
        StepVerifier.create(io).expectSubscription().thenCancel().verify();
        answer.tryEmitValue("late");
        assertThat(seen).containsExactly("marked", "cancelled");

        seen.clear();
        StepVerifier.create(Unsettled.of(Mono.<String>error(new IllegalStateException("lost")), marked(seen),
                () -> seen.add("settled"), () -> seen.add("cancelled"))).verifyError(IllegalStateException.class);
        assertThat(seen).containsExactly("marked", "settled");
    }

    @Test
    void unsettledIoRefusedByItsMarkIsNeverSubscribedAndSignalsTheRefusal() {
        List<String> seen = new CopyOnWriteArrayList<>();
        ResourceClosedError closed = new ResourceClosedError("This Connection is closed");
        Mono<String> io = Unsettled.of(Mono.fromSupplier(() -> {
            seen.add("io");
            return "row";
        }), () -> {
            seen.add("marked");
            return closed;
        }, () -> seen.add("settled"), () -> seen.add("cancelled"));

        StepVerifier.create(io).verifyErrorSatisfies(error -> assertThat(error).isSameAs(closed));

        assertThat(seen).containsExactly("marked");
    }

    /** A mark that records itself and lets the I/O start. */
    private static Supplier<Throwable> marked(List<String> seen) {
        return () -> {
            seen.add("marked");
            return null;
        };
    }
}
