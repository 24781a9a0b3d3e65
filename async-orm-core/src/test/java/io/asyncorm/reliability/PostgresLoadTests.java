package io.asyncorm.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncorm.engine.AsyncEngine;
import io.asyncorm.engine.EngineOptions;
import io.asyncorm.exception.StaleDataError;
import io.asyncorm.orm.AsyncSessionMaker;
import io.asyncorm.reliability.model.Counter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.util.retry.Retry;

/**
 * A thousand units of work at once (each its own session: read a counter, increment it, commit) through a pool
 * of ten on two cores. Ten counters, each unit picks one at random, so units collide: the optimistic version turns a collision into a
 * {@code StaleDataError}, and the unit retries. Nothing else may fail, nothing may leak, and no increment may be
 * lost.
 */
class PostgresLoadTests extends PostgresFaultSupport {

    private static final int UNITS = 1_000;

    private static final int COUNTERS = 10;

    @Test
    void aThousandConcurrentUnitsThroughAPoolOfTenLoseNoUpdateAndLeakNothing() {
        AsyncEngine engine = engine(EngineOptions.builder().poolSize(10).maxOverflow(0).build());
        AsyncSessionMaker maker = AsyncSessionMaker.builder(engine, REGISTRY).build();
        maker.begin(session -> {
            IntStream.rangeClosed(1, COUNTERS).forEach(id -> session.add(new Counter(id, "counter " + id)));
            return Mono.empty();
        }).blockLast();

        int[] counterOf = new java.util.Random(42).ints(UNITS, 1, COUNTERS + 1).toArray();
        long[] expected = new long[COUNTERS + 1];
        // The first round warms the JVM up; both are checked, the second is the figure reported.
        for (int round = 1; round <= 2; round++) {
            for (int id : counterOf) {
                expected[id]++;
            }
            runRound(engine, maker, counterOf, round);
            for (int id = 1; id <= COUNTERS; id++) {
                assertThat(number("select total from rel_counter where id = " + id)).as("counter " + id).isEqualTo(expected[id]);
            }
            assertThat(number("select count(*) from rel_counter where version <> 1 + total")).as("versions off").isZero();
        }
    }

    private void runRound(AsyncEngine engine, AsyncSessionMaker maker, int[] counterOf, int round) {
        AtomicInteger conflicts = new AtomicInteger();
        AtomicInteger peakPending = new AtomicInteger();
        ConcurrentLinkedQueue<Long> latenciesMicros = new ConcurrentLinkedQueue<>();
        long started = System.nanoTime();
        Flux<Integer> load = Flux.range(0, UNITS).flatMap(unit -> Mono.defer(() -> {
            long unitStarted = System.nanoTime();
            peakPending.accumulateAndGet(engine.poolStatus().pending(), Math::max);
            return Mono.defer(() -> maker.begin(session -> session.get(Counter.class, counterOf[unit]).doOnNext(Counter::increment)).then())
                    .doOnError(StaleDataError.class, e -> conflicts.incrementAndGet())
                    .retryWhen(Retry.max(1_000).filter(StaleDataError.class::isInstance))
                    .doOnSuccess(done -> latenciesMicros.add((System.nanoTime() - unitStarted) / 1_000))
                    .thenReturn(unit);
        }), UNITS);
        StepVerifier.create(load).expectNextCount(UNITS).expectComplete().verify(Duration.ofMinutes(2));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        awaitNothingHeld(engine, "load round " + round);
        assertThat(backends()).as("backends").hasSizeLessThanOrEqualTo(10);
        assertThat(conflicts.get()).as("version conflicts (the collisions are real)").isPositive();
        List<Long> sorted = new ArrayList<>(latenciesMicros);
        Collections.sort(sorted);
        System.out.printf("[faults] round %d: %d units through a pool of 10: %.0f units/s, p50 %d ms, p99 %d ms, max %d ms; "
                        + "%d version conflicts retried; peak waiting for a connection %d%n", round, UNITS, UNITS / (took.toNanos() / 1e9),
                percentile(sorted, 50) / 1000, percentile(sorted, 99) / 1000, sorted.get(sorted.size() - 1) / 1000, conflicts.get(),
                peakPending.get());
    }

    private static long percentile(List<Long> sorted, int percent) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1));
    }
}
