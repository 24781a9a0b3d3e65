package io.asyncorm.reliability;

import static io.asyncorm.sql.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.asyncorm.engine.AsyncEngine;
import io.asyncorm.engine.EngineOptions;
import io.asyncorm.orm.AsyncSession;
import io.asyncorm.orm.AsyncSessionMaker;
import io.asyncorm.reliability.model.Counter;
import io.asyncorm.reliability.model.Entry;
import io.asyncorm.testing.TestDatabases;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

/**
 * Cancels one unit of work (a Core statement, a get and a change, a savepoint, new rows, commit) at every
 * I/O point it has, one run per point: before the driver is asked, while the database may be running it,
 * and after it answered. After each run: the pool holds nothing, no transaction is open on the server, and
 * the database shows all of the unit or none of it. A connection cancelled with a statement or COMMIT in
 * flight is never handed out again.
 */
class PostgresCancellationTests extends PostgresFaultSupport {

    private IoPointFactory factory;

    private AsyncEngine engine;

    private AsyncSessionMaker maker;

    @BeforeEach
    void engineWithOneConnection() {
        this.factory = new IoPointFactory(ConnectionFactories.get(TestDatabases.postgres(this.app)));
        this.engine = track(AsyncEngine.create(this.factory, EngineOptions.builder().poolSize(1).maxOverflow(0).build()));
        this.maker = AsyncSessionMaker.builder(this.engine, REGISTRY).build();
        this.maker.begin(session -> {
            session.add(new Counter(1, "hits"));
            return Mono.empty();
        }).blockLast();
    }

    /** The unit under test: every kind of I/O a session does, ending with COMMIT. */
    private static Publisher<Object> unit(AsyncSession session) {
        return session.execute(text("update rel_counter set name = name where id = 1"))
                .then(session.get(Counter.class, 1))
                .doOnNext(Counter::increment)
                .then(session.beginNested(nested -> {
                    nested.add(new Entry("in a savepoint"));
                    return nested.flush();
                }).then())
                .then(Mono.fromRunnable(() -> session.add(new Entry("unit"))));
    }

    @Test
    void cancellingAtEveryIoPointLeavesAllOrNothingAndNoConnectionOrTransactionBehind() {
        List<String> points = new ArrayList<>();
        this.factory.listen((operation, phase, physical) -> points.add(operation + " " + phase));
        this.maker.begin(PostgresCancellationTests::unit).blockLast();
        this.factory.listen((operation, phase, physical) -> { });
        assertThat(points).startsWith("beginTransaction BEFORE").endsWith("commitTransaction AFTER")
                .contains("createSavepoint DURING", "releaseSavepoint AFTER");

        int all = 0;
        int none = 0;
        List<String> discarded = new ArrayList<>();
        for (int k = 0; k < points.size(); k++) {
            State before = state();
            AtomicInteger seen = new AtomicInteger();
            AtomicReference<Connection> cancelledOn = new AtomicReference<>();
            Sinks.Empty<Void> cancel = Sinks.empty();
            int target = k;
            this.factory.listen((operation, phase, physical) -> {
                if (seen.getAndIncrement() == target) {
                    cancelledOn.set(physical);
                    cancel.tryEmitEmpty();
                }
            });
            StepVerifier.create(this.maker.begin(PostgresCancellationTests::unit).takeUntilOther(cancel.asMono()))
                    .as("cancel at " + points.get(k)).expectComplete().verify(Duration.ofSeconds(10));
            this.factory.listen((operation, phase, physical) -> { });
            awaitNothingHeld(this.engine, "a cancel at " + points.get(k) + " (point " + k + ")");

            State after = state();
            assertThat(after).as("after a cancel at " + points.get(k)).isIn(before, before.plusOneUnit());
            if (after.equals(before)) {
                none++;
            } else {
                all++;
            }
            Connection next = nextPhysical();
            boolean inFlight = points.get(k).equals("execute DURING") || points.get(k).equals("commitTransaction DURING");
            if (inFlight) {
                assertThat(next).as("the connection cancelled at " + points.get(k) + " is never handed out again")
                        .isNotSameAs(cancelledOn.get());
            }
            if (next != cancelledOn.get()) {
                discarded.add(points.get(k));
            }
        }
        assertThat(none).as("runs that left nothing").isPositive();
        assertThat(all).as("runs that committed (cancelled after COMMIT answered)").isPositive();
        System.out.printf("[faults] %d cancel points: %d left nothing, %d committed; connection discarded after %s%n",
                points.size(), none, all, discarded);
    }

    @Test
    void cancellingWhileWaitingForAConnectionLeavesNoPendingAcquire() {
        AsyncSession holder = this.maker.create();
        StepVerifier.create(holder.connection()).expectNextCount(1).verifyComplete();
        assertThat(this.engine.poolStatus().acquired()).isOne();

        Sinks.Empty<Void> cancel = Sinks.empty();
        StepVerifier.create(this.maker.begin(PostgresCancellationTests::unit).takeUntilOther(cancel.asMono()))
                .then(() -> org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                        .until(() -> this.engine.poolStatus().pending() == 1))
                .then(cancel::tryEmitEmpty)
                .expectComplete().verify(Duration.ofSeconds(10));
        StepVerifier.create(holder.close()).verifyComplete();
        awaitNothingHeld(this.engine, "a cancel while waiting for a connection");
        assertThat(state()).isEqualTo(new State(0, 0));
        StepVerifier.create(this.maker.begin(PostgresCancellationTests::unit)).verifyComplete();
        assertThat(state()).isEqualTo(new State(1, 2));
    }

    private Connection nextPhysical() {
        AtomicReference<Connection> used = new AtomicReference<>();
        this.factory.listen((operation, phase, physical) -> used.compareAndSet(null, physical));
        this.maker.begin(session -> session.scalar(text("select 1"))).blockLast();
        this.factory.listen((operation, phase, physical) -> { });
        return used.get();
    }

    private State state() {
        return new State(number("select total from rel_counter where id = 1"), number("select count(*) from rel_entry"));
    }

    /** What the unit changes: the counter's total and the number of entries (two per unit). */
    private record State(long total, long entries) {

        State plusOneUnit() {
            return new State(this.total + 1, this.entries + 2);
        }
    }
}
