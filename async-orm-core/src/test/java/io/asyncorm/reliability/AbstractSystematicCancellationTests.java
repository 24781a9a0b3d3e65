package io.asyncorm.reliability;

import static io.asyncorm.orm.Orm.joinedload;
import static io.asyncorm.orm.Orm.select;
import static io.asyncorm.orm.Orm.selectinload;
import static io.asyncorm.sql.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.asyncorm.engine.AsyncEngine;
import io.asyncorm.engine.EngineOptions;
import io.asyncorm.engine.ExecutionOptions;
import io.asyncorm.orm.AsyncSessionMaker;
import io.asyncorm.orm.Registry;
import io.asyncorm.orm.model.A;
import io.asyncorm.orm.model.A_;
import io.asyncorm.orm.model.B;
import io.asyncorm.reliability.model.Counter;
import io.asyncorm.reliability.model.Entry;
import io.asyncorm.result.AsyncResult;
import io.r2dbc.spi.ConnectionFactories;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The systematic cancellation suite: every public operation that does I/O is run once to count the Reactive Streams
 * signals its driver publishers produce (N), then run N more times, cancelled when the k-th signal arrives, for every k.
 * After each run: the pool's acquired and pending counts are back to 0 within a bounded time, no transaction of the test
 * is left open on the server, the next unit of work succeeds, and the data shows all of the operation or none of it.
 * Subclasses run it on each database; where the server can be made slow (a held lock), operations are also cancelled at
 * random delays while they wait.
 */
abstract class AbstractSystematicCancellationTests {

    static final Registry REGISTRY = Registry.of(Counter.class, Entry.class, A.class, B.class);

    private static final int COUNTERS = 5;

    protected SignalCountingFactory factory;

    protected AsyncEngine engine;

    protected AsyncEngine admin;

    protected AsyncSessionMaker maker;

    /** An operation under test: a name for the failure messages and the pipeline to run (and cancel). */
    protected record Operation(String name, Function<AbstractSystematicCancellationTests, Publisher<?>> run) {
    }

    /** The URL of the database under test, the same for every call within a test. */
    protected abstract String url();

    /** Whether any transaction of the engine under test is still open (or a statement still running) on the server. */
    protected abstract boolean serverHoldsSomething();

    /** Statements run in an administrative transaction that make the operations' writes wait; empty: no slow variant. */
    protected List<String> lockEverything() {
        return List.of();
    }

    @BeforeEach
    void schema() {
        this.admin = AsyncEngine.create(url(), EngineOptions.builder().poolSize(2).build());
        this.admin.begin(conn -> REGISTRY.metadata().dropAll(conn, true).then(REGISTRY.metadata().createAll(conn))).blockLast();
        this.factory = new SignalCountingFactory(ConnectionFactories.get(url()));
        this.engine = AsyncEngine.create(this.factory, EngineOptions.builder().poolSize(2).maxOverflow(0)
                .fetchSize(2).cleanupTimeout(Duration.ofSeconds(2)).build());
        this.maker = AsyncSessionMaker.builder(this.engine, REGISTRY).build();
        AsyncSessionMaker seeding = AsyncSessionMaker.builder(this.admin, REGISTRY).build();
        seeding.begin(session -> {
            for (int id = 1; id <= COUNTERS; id++) {
                session.add(new Counter(id, "counter " + id));
            }
            session.add(new A("a1", List.of(new B("b1"), new B("b2"))));
            session.add(new A("a2", List.of(new B("b3"))));
            return Mono.empty();
        }).blockLast();
    }

    @AfterEach
    void tidy() {
        this.engine.dispose().block(Duration.ofSeconds(30));
        this.admin.begin(conn -> REGISTRY.metadata().dropAll(conn, true)).blockLast();
        this.admin.dispose().block(Duration.ofSeconds(30));
    }

    /** The operations every database runs. */
    protected List<Operation> operations() {
        String insert = "insert into rel_entry (note) values (:note)";
        String bump = "update rel_counter set total = total + 1 where id = 1";
        return List.of(
                new Operation("connect", t -> t.engine.connect(conn -> Mono.just(conn.isClosed()))),
                new Operation("execute + commit", t -> t.engine.connect(conn -> conn.execute(text(insert), Map.of("note", "e"))
                        .then(conn.commit()))),
                new Operation("executemany", t -> t.engine.begin(conn -> conn.execute(text(insert),
                        List.of(Map.of("note", "m1"), Map.of("note", "m2"), Map.of("note", "m3"))))),
                new Operation("stream (2 batches and more)", t -> t.engine.connect(conn -> conn.stream(text("select id, name from rel_counter order by id"))
                        .flatMapMany(AsyncResult::rows))),
                new Operation("stream, yieldPer 1", t -> t.engine.connect(conn -> conn.stream(text("select id from rel_counter order by id"),
                        Map.of(), ExecutionOptions.builder().yieldPer(1).build()).flatMapMany(AsyncResult::rows))),
                new Operation("scalar", t -> t.engine.connect(conn -> conn.scalar(text("select count(*) from rel_counter")))),
                new Operation("begin + commit", t -> t.engine.connect(conn -> conn.begin()
                        .flatMap(tx -> conn.execute(text(insert), Map.of("note", "b")).then(tx.commit())))),
                new Operation("beginNested", t -> t.engine.begin(conn -> conn.beginNested(savepoint -> conn.execute(text(insert), Map.of("note", "n1")))
                        .then(conn.execute(text(insert), Map.of("note", "n2"))))),
                new Operation("rollback", t -> t.engine.connect(conn -> conn.execute(text(bump)).then(conn.rollback()))),
                new Operation("session get", t -> t.maker.use(session -> session.get(Counter.class, 2))),
                new Operation("session execute + commit", t -> t.maker.begin(session -> session.execute(text(bump)))),
                new Operation("session stream", t -> t.maker.use(session -> session.streamScalars(select(Counter.class))
                        .flatMapMany(result -> result.rows()))),
                new Operation("session flush + commit", t -> t.maker.begin(session -> {
                    session.add(new Entry("flushed"));
                    return session.flush();
                })),
                new Operation("session change + commit", t -> t.maker.begin(session -> session.get(Counter.class, 1).doOnNext(Counter::increment))),
                new Operation("selectinload", t -> t.maker.use(session -> session.scalars(select(A.class).options(selectinload(A_.bs)))
                        .map(result -> result.all().size()))),
                new Operation("session stream with selectinload, yieldPer 1", t -> t.maker.use(session -> session.<A>streamScalars(
                        select(A.class).options(selectinload(A_.bs)).executionOptions(ExecutionOptions.builder().yieldPer(1).build()))
                        .flatMapMany(result -> result.rows()).map(a -> a.getBs().size()))),
                new Operation("joinedload", t -> t.maker.use(session -> session.scalars(select(A.class).options(joinedload(A_.bs)))
                        .map(result -> result.all().size()))),
                new Operation("refresh", t -> t.maker.use(session -> session.get(Counter.class, 3).flatMap(counter -> session.refresh(counter)))),
                new Operation("runSync + commit", t -> t.maker.begin(session -> session.runSync(sync -> {
                    sync.getOne(Counter.class, 1).increment();
                    return null;
                }))));
    }

    @Test
    void cancellingEveryOperationAtEverySignalLeavesNothingHeldAndAllOrNothing() {
        int cases = 0;
        List<String> counts = new ArrayList<>();
        for (Operation operation : operations()) {
            State before = state();
            int signals = run(operation, Integer.MAX_VALUE);
            State delta = state().minus(before);
            assertThat(signals).as(operation.name() + " produces signals").isPositive();
            for (int k = 1; k <= signals; k++) {
                State start = state();
                run(operation, k);
                String point = operation.name() + ", cancelled at signal " + k + " of " + signals;
                awaitSettled(point);
                State change = state().minus(start);
                assertThat(change).as(point + ": all or nothing").isIn(State.NONE, delta);
                assertThat(this.engine.connect(conn -> conn.<Number>scalar(text("select count(*) from rel_counter"))).blockLast(Duration.ofSeconds(30)))
                        .as(point + ": the next unit of work").hasValueSatisfying(n -> assertThat(n.intValue()).isEqualTo(COUNTERS));
                cases++;
            }
            counts.add(operation.name() + " " + signals);
        }
        System.out.printf("[cancellation] %s: %d cases (operation, signal) [%s]%n", getClass().getSimpleName(), cases, String.join(", ", counts));
    }

    @Test
    void cancellingWritesWaitingOnALockAtRandomDelaysLeavesNothingHeldAndAllOrNothing() {
        List<String> locks = lockEverything();
        if (locks.isEmpty()) {
            return;
        }
        Random random = new Random(18);
        int cases = 0;
        for (Operation operation : operations()) {
            State before = state();
            run(operation, Integer.MAX_VALUE);
            State delta = state().minus(before);
            for (int round = 0; round < 2; round++) {
                long delay = 5 + random.nextInt(150);
                State start = state();
                this.admin.connect(holder -> Flux.fromIterable(locks).concatMap(sql -> holder.execute(text(sql)))
                        .then(Flux.from(operation.run().apply(this)).take(Duration.ofMillis(delay)).onErrorResume(e -> Mono.empty()).then())
                        .then(holder.rollback())).blockLast(Duration.ofSeconds(30));
                String point = operation.name() + ", cancelled after " + delay + " ms behind a lock";
                awaitSettled(point);
                State change = state().minus(start);
                assertThat(change).as(point + ": all or nothing").isIn(State.NONE, delta);
                cases++;
            }
        }
        System.out.printf("[cancellation] %s: %d cases cancelled at random delays behind a lock%n", getClass().getSimpleName(), cases);
    }

    /** Runs the operation, cancelled at the k-th signal; returns how many signals were seen. */
    private int run(Operation operation, int k) {
        AtomicInteger seen = new AtomicInteger();
        Sinks.Empty<Void> cancel = Sinks.empty();
        this.factory.listen(() -> {
            if (seen.incrementAndGet() == k) {
                cancel.tryEmitEmpty();
            }
        });
        try {
            Flux.from(operation.run().apply(this)).takeUntilOther(cancel.asMono()).onErrorResume(error -> Mono.empty())
                    .blockLast(Duration.ofSeconds(30));
            if (k == Integer.MAX_VALUE) {
                // Let the release finish, so its signals are counted too.
                awaitSettled(operation.name() + ", run to the end");
            }
        } finally {
            this.factory.quiet();
        }
        return seen.get();
    }

    private void awaitSettled(String point) {
        Awaitility.await("the pool and the server to settle: " + point).atMost(Duration.ofSeconds(10))
                .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5)).untilAsserted(() -> {
                    assertThat(this.engine.poolStatus().acquired()).as("acquired").isZero();
                    assertThat(this.engine.poolStatus().pending()).as("pending").isZero();
                    assertThat(serverHoldsSomething()).as("a transaction or statement left on the server").isFalse();
                });
    }

    /** What the operations change: how many entries exist, and the counters' total. */
    protected record State(long entries, long total) {

        static final State NONE = new State(0, 0);

        State minus(State other) {
            return new State(this.entries - other.entries, this.total - other.total);
        }
    }

    private State state() {
        return new State(count("select count(*) from rel_entry"), count("select sum(total) from rel_counter"));
    }

    /** A count the administrative engine reads. */
    protected long count(String sql) {
        return this.admin.connect(conn -> conn.<Number>scalar(text(sql))).single().block(Duration.ofSeconds(30)).orElseThrow().longValue();
    }
}
