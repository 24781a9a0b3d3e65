package io.asyncorm.reliability;

import static io.asyncorm.sql.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.asyncorm.engine.AsyncEngine;
import io.asyncorm.engine.EngineOptions;
import io.asyncorm.exception.OperationalError;
import io.asyncorm.orm.AsyncSessionMaker;
import io.asyncorm.reliability.model.Counter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * The database restarts while the application runs: with the engine idle, and under load. Requests fail fast
 * with a clear error during the outage and succeed afterwards without restarting anything.
 */
class PostgresRestartTests extends PostgresFaultSupport {

    private LocalPostgresServer server;

    @BeforeEach
    void server() {
        this.server = LocalPostgresServer.orSkip();
    }

    @AfterEach
    void serverIsUpAgain() {
        // Whatever happened in the test, the next test (and the rest of the build) needs the server.
        this.server.ensureRunning();
    }

    @ParameterizedTest(name = "pre-ping {0}")
    @ValueSource(booleans = {true, false})
    void afterARestartWhileIdleTheNextUnitsSucceedOnNewConnections(boolean prePing) {
        AsyncEngine engine = engine(EngineOptions.builder().poolSize(3).maxOverflow(0).poolPrePing(prePing).build());
        AsyncSessionMaker maker = AsyncSessionMaker.builder(engine, REGISTRY).build();
        seed(maker, 1);
        // Three connections wait in the pool when the server goes away.
        StepVerifier.create(Flux.range(0, 3).flatMap(i -> maker.use(session -> session.scalar(text("select pg_sleep(0.1)")))))
                .expectNextCount(3).verifyComplete();
        assertThat(engine.poolStatus().idle()).isEqualTo(3);

        this.server.stop();
        this.server.start();

        for (int i = 0; i < 5; i++) {
            StepVerifier.create(maker.begin(session -> session.get(Counter.class, 1).doOnNext(Counter::increment)))
                    .expectNextCount(1).verifyComplete();
        }
        assertThat(number("select total from rel_counter where id = 1")).isEqualTo(5);
        awaitNothingHeld(engine, "the restart");
    }

    @Test
    void duringAnOutageUnitsFailFastWithAClearErrorAndAfterwardsSucceedWithoutARestartOfTheApplication() {
        int workers = 8;
        AsyncEngine engine = engine(EngineOptions.builder().poolSize(4).maxOverflow(0).poolPrePing(true)
                .poolTimeout(Duration.ofSeconds(5)).build());
        AsyncSessionMaker maker = AsyncSessionMaker.builder(engine, REGISTRY).build();
        for (int id = 1; id <= workers; id++) {
            seed(maker, id);
        }
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger committed = new AtomicInteger();
        AtomicInteger committedAfterRestart = new AtomicInteger();
        AtomicBoolean restarted = new AtomicBoolean();
        ConcurrentLinkedQueue<Failure> failures = new ConcurrentLinkedQueue<>();
        Map<Integer, AtomicInteger> perCounter = new ConcurrentHashMap<>();
        Disposable load = Flux.range(1, workers)
                .flatMap(id -> Mono.defer(() -> {
                    long started = System.nanoTime();
                    return maker.begin(session -> session.get(Counter.class, id).doOnNext(Counter::increment))
                            .then(Mono.fromRunnable(() -> {
                                committed.incrementAndGet();
                                perCounter.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                                if (restarted.get()) {
                                    committedAfterRestart.incrementAndGet();
                                }
                            }))
                            .onErrorResume(error -> {
                                failures.add(new Failure(error, Duration.ofNanos(System.nanoTime() - started)));
                                return Mono.delay(Duration.ofMillis(20)).then();
                            });
                }).repeat(running::get), workers)
                .subscribe();
        try {
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> committed.get() >= 50);
            this.server.stop();
            Awaitility.await("failures during the outage").atMost(Duration.ofSeconds(20)).until(() -> failures.size() >= 20);
            this.server.start();
            restarted.set(true);
            Awaitility.await("units succeeding again").atMost(Duration.ofSeconds(30)).until(() -> committedAfterRestart.get() >= 50);
        } finally {
            running.set(false);
            Awaitility.await("the load to stop").atMost(Duration.ofSeconds(30)).until(load::isDisposed);
        }

        List<Failure> seen = List.copyOf(failures);
        assertThat(seen).as("every failure is an OperationalError that names the connection problem").allSatisfy(failure -> {
            assertThat(failure.error()).isInstanceOf(OperationalError.class);
            assertThat(failure.error().getMessage()).containsAnyOf("connection lost", "could not connect");
        });
        Duration slowest = seen.stream().map(Failure::took).max(Duration::compareTo).orElseThrow();
        assertThat(slowest).as("the slowest failure").isLessThan(Duration.ofSeconds(5));
        awaitNothingHeld(engine, "the outage");
        // No lost update: each counter holds at least its successful units; a unit whose COMMIT was cut off by the
        // shutdown may have been committed without the client hearing of it (at most one per worker).
        for (int id = 1; id <= workers; id++) {
            long total = number("select total from rel_counter where id = " + id);
            int succeeded = perCounter.getOrDefault(id, new AtomicInteger()).get();
            assertThat(total).as("counter " + id).isBetween((long) succeeded, (long) succeeded + 1);
        }
        System.out.printf("[faults] restart under load: %d committed (%d after the restart), %d failed fast (slowest %d ms): %s%n",
                committed.get(), committedAfterRestart.get(), seen.size(), slowest.toMillis(),
                seen.stream().collect(Collectors.groupingBy(f -> f.error().getMessage().contains("could not connect") ? "could not connect"
                        : "connection lost", Collectors.counting())));
    }

    private static void seed(AsyncSessionMaker maker, int id) {
        maker.begin(session -> {
            session.add(new Counter(id, "counter " + id));
            return Mono.empty();
        }).blockLast();
    }

    private record Failure(Throwable error, Duration took) {
    }
}
