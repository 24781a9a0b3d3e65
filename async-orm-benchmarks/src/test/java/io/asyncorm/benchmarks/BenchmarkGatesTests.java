package io.asyncorm.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncorm.engine.EngineOptions;
import io.asyncorm.orm.AsyncSession;
import io.asyncorm.testing.EchoCapture;
import io.asyncorm.testing.TestDatabases;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The deterministic parts of the benchmarks, gated in the normal test run (the timed runs are not: they run by
 * their command, see README): statements per workload operation, the million-row stream in a 64 MiB heap, bytes
 * allocated per operation for W1 and W2 and operators assembled per W1 get within the budget in
 * {@code allocation-budget.properties}. Each gate runs the very operation the ratio runner measures.
 */
class BenchmarkGatesTests {

    private EchoCapture echo;

    private BenchContext context;

    @BeforeEach
    void context() {
        String name = "gates" + UUID.randomUUID().toString().substring(0, 8);
        this.echo = new EchoCapture(name);
        this.context = new BenchContext(TestDatabases.postgres(), 1, EngineOptions.builder().echo(true).loggingName(name).build());
        this.context.schema(10_000, 1_000).block();
        this.echo.clear();
    }

    @AfterEach
    void close() {
        this.context.close().block();
        this.echo.close();
    }

    @Test
    void w1GetByKeyIsOneStatement() {
        assertThat(Workloads.ormGet(this.context, 5).block()).isNotNull();
        assertThat(this.echo.statements()).hasSize(1).allMatch(sql -> sql.startsWith("SELECT"));
    }

    @Test
    void w2IdentityMapHitsAreNoStatementAndStayOnTheCallersThread() {
        AsyncSession session = this.context.maker.create();
        session.get(BenchRow.class, 1L).block();
        this.echo.clear();
        Thread caller = Thread.currentThread();
        Thread[] seen = new Thread[1];
        assertThat(Workloads.identityMapHits(session, 1L, 10_000).doOnNext(count -> seen[0] = Thread.currentThread()).block())
                .isEqualTo(10_000);
        assertThat(this.echo.statements()).isEmpty();
        assertThat(seen[0]).as("no thread hop").isSameAs(caller);
        session.close().block();
    }

    @Test
    void w3TenThousandInsertsAreAtMostTenStatements() {
        assertThat(Workloads.ormInsert(this.context, 10_000).block()).isEqualTo(10_000);
        assertThat(sql()).hasSizeLessThanOrEqualTo(10).allMatch(line -> line.startsWith("INSERT"));
    }

    @Test
    void w5SelectinIsTwoStatementsPlusOnePer500Keys() {
        assertThat(Workloads.ormParents(this.context, 100).block()).hasSize(100).allSatisfy(parent -> assertThat(parent.getChildren()).hasSize(10));
        assertThat(sql()).hasSize(2);
        this.echo.clear();
        assertThat(Workloads.ormParents(this.context, 1_000).block()).hasSize(1_000);
        assertThat(sql()).hasSize(3);
    }

    @Test
    void w6NothingChangedIsNoStatementAtCommit() {
        this.context.maker.use(session -> Workloads.ormFirst(session, 1_000).doOnNext(rows -> this.echo.clear()).then(session.commit())).blockLast();
        assertThat(this.echo.statements()).isEmpty();
    }

    @Test
    void w8WriteTransactionIsFiveStatements() {
        Workloads.ormWriteTransaction(this.context, 7).block();
        assertThat(this.echo.statements()).hasSize(5);
        assertThat(this.echo.statements().get(0)).startsWith("BEGIN");
        assertThat(this.echo.statements().get(4)).isEqualTo("COMMIT");
    }

    @Test
    void w4AMillionEntitiesStreamInA64MibHeap() {
        this.context.schema(1_000_000, 0).block();
        StreamWorkload.Run run = StreamWorkload.probe(TestDatabases.postgres(), "async-orm", "fast");
        assertThat(run.rows()).isEqualTo(1_000_000);
        System.out.printf("[gates] W4: 1,000,000 entities in -Xmx64m: %,.0f rows/s, live heap peak %.1f MiB%n",
                run.rows() / (run.nanos() / 1e9), run.liveMiB());
    }

    @Test
    void w4AMillionEntitiesWithSelectinLoadedParentsStreamInA64MibHeap() {
        this.context.schema(0, 100_000).block();
        StreamWorkload.Run run = StreamWorkload.probe(TestDatabases.postgres(), "async-orm-selectin", "fast");
        assertThat(run.rows()).isEqualTo(1_000_000);
        System.out.printf("[gates] W4: 1,000,000 entities with selectinload in -Xmx64m: %,.0f rows/s, live heap peak %.1f MiB%n",
                run.rows() / (run.nanos() / 1e9), run.liveMiB());
    }

    @Test
    void w1AndW2AllocateWithinTheirBudget() throws IOException {
        Properties budget = budget();
        // Without the echo log of the other gates: it allocates for every statement.
        BenchContext quiet = new BenchContext(TestDatabases.postgres(), 1);
        List<Long> keys = RawOps.keys(2_000, 10_000);
        long w1 = perOp(keys.size(), BenchmarkGatesTests::allThreadsAllocated,
                () -> reactor.core.publisher.Flux.fromIterable(keys).concatMap(id -> Workloads.ormGet(quiet, id)).blockLast());
        long raw = perOp(keys.size(), BenchmarkGatesTests::allThreadsAllocated,
                () -> reactor.core.publisher.Flux.fromIterable(keys).concatMap(id -> quiet.raw(conn -> RawOps.get(conn, id))).blockLast());
        AsyncSession session = quiet.maker.create();
        session.get(BenchRow.class, 1L).block();
        long w2 = perOp(100_000, BenchmarkGatesTests::thisThreadAllocated, () -> Workloads.identityMapHits(session, 1L, 100_000).block());
        session.close().then(quiet.engine.dispose()).then(quiet.pool.disposeLater()).block();
        System.out.printf("[gates] bytes allocated per operation: W1 %,d (budget %s; the raw driver's get: %,d, ratio %.2f, budget %s), W2 %,d "
                + "(budget %s)%n", w1, budget.getProperty("w1.bytesPerOp"), raw, (double) w1 / raw, budget.getProperty("w1.ratioToRaw"), w2, budget.getProperty("w2.bytesPerOp"));
        assertThat(w1).as("W1 bytes per get").isLessThanOrEqualTo(Long.parseLong(budget.getProperty("w1.bytesPerOp")));
        assertThat((double) w1 / raw).as("W1 bytes per get over the raw driver's").isLessThanOrEqualTo(Double.parseDouble(budget.getProperty("w1.ratioToRaw")));
        assertThat(w2).as("W2 bytes per identity-map hit").isLessThanOrEqualTo(Long.parseLong(budget.getProperty("w2.bytesPerOp")));
    }

    /**
     * The operators a fresh-session get assembles beyond the raw driver's get, counted with a Reactor assembly hook in the
     * same test (pool, driver and test harness included on both sides): deterministic, unlike time, and each one is a
     * subscriber, a subscription and a signal hop on every get.
     */
    @Test
    void w1AssemblesNoMoreOperatorsThanItsBudget() throws IOException {
        assertOperatorsOverRaw("W1", "get", 200, Workloads::ormGet, RawOps::get);
    }

    /** The same count for a W8 write transaction (two flushes, a session transaction) over the raw driver's. */
    @Test
    void w8AssemblesNoMoreOperatorsThanItsBudget() throws IOException {
        assertOperatorsOverRaw("W8", "write transaction", 100, Workloads::ormWriteTransaction, RawOps::writeTransaction);
    }

    /**
     * Counts the operators one async-orm operation and the raw driver's assemble, each run for {@code count} keys, and
     * holds their difference to the budget {@code <workload>.operatorsOverRaw}.
     */
    private static void assertOperatorsOverRaw(String workload, String operation, int count,
            java.util.function.BiFunction<BenchContext, Long, reactor.core.publisher.Mono<?>> orm,
            java.util.function.BiFunction<io.r2dbc.spi.Connection, Long, reactor.core.publisher.Mono<?>> raw) throws IOException {
        String key = workload.toLowerCase(java.util.Locale.ROOT) + ".operatorsOverRaw";
        double budget = Double.parseDouble(budget().getProperty(key));
        BenchContext quiet = new BenchContext(TestDatabases.postgres(), 1);
        List<Long> keys = RawOps.keys(count, 10_000);
        double ours = operatorsPerOp(keys.size(),
                () -> reactor.core.publisher.Flux.fromIterable(keys).concatMap(id -> orm.apply(quiet, id)).blockLast());
        double theirs = operatorsPerOp(keys.size(),
                () -> reactor.core.publisher.Flux.fromIterable(keys).concatMap(id -> quiet.raw(conn -> raw.apply(conn, id))).blockLast());
        quiet.engine.dispose().then(quiet.pool.disposeLater()).block();
        System.out.printf("[gates] operators assembled per %s: %s %.1f, the raw driver's %.1f (%s over raw: %.1f, budget %s)%n", operation,
                workload, ours, theirs, workload, ours - theirs, budget);
        assertThat(ours - theirs).as(workload + " operators per " + operation + " over the raw driver's").isLessThanOrEqualTo(budget);
    }

    /** The recorded budgets of bytes and operators per operation. */
    private static Properties budget() throws IOException {
        Properties budget = new Properties();
        try (InputStream in = BenchmarkGatesTests.class.getResourceAsStream("/allocation-budget.properties")) {
            budget.load(in);
        }
        return budget;
    }

    /** Runs the work twice (the first warms up) and returns the operators assembled per operation by the second. */
    private static double operatorsPerOp(int ops, Runnable work) {
        work.run();
        return OperatorCount.during(work, null) / (double) ops;
    }

    /** Runs the work twice (the first warms up) and returns the bytes allocated per operation by the second. */
    private static long perOp(int ops, LongSupplier allocated, Runnable work) {
        work.run();
        long before = allocated.getAsLong();
        work.run();
        return (allocated.getAsLong() - before) / ops;
    }

    private static long allThreadsAllocated() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long total = 0;
        for (long allocated : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
            total += Math.max(0, allocated);
        }
        return total;
    }

    private static long thisThreadAllocated() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        return threads.getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    /** The statements without BEGIN / COMMIT / ROLLBACK. */
    private List<String> sql() {
        return this.echo.statements().stream().filter(line -> !line.startsWith("BEGIN") && !line.equals("COMMIT") && !line.equals("ROLLBACK"))
                .toList();
    }
}
