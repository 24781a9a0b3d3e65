package io.asyncorm.engine;

import static io.asyncorm.sql.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncorm.exception.AsyncMethodRequired;
import io.asyncorm.exception.IntegrityError;
import io.asyncorm.exception.InvalidRequestError;
import io.asyncorm.exception.PendingRollbackError;
import io.asyncorm.exception.PoolTimeoutError;
import io.asyncorm.exception.ProgrammingError;
import io.asyncorm.exception.ResourceClosedError;
import io.asyncorm.result.AsyncResult;
import io.asyncorm.result.Result;
import io.asyncorm.result.Row;
import io.asyncorm.sql.Sql;
import io.asyncorm.testing.EchoCapture;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.IsolationLevel;
import io.r2dbc.spi.ValidationDepth;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;
import reactor.util.context.Context;

/**
 * The Core engine scenarios, written once and run against each database by a subclass (AS-01,
 * AS-02, AS-08, DS-01..DS-05, ES-02, ES-07, ES-13, ES-15..ES-17, ES-22, ES-23, ES-25, ES-31).
 */
abstract class AbstractEngineIntegrationTests {

    protected String name;

    protected String table;

    protected EchoCapture echo;

    protected AsyncEngine engine;

    /** A URL of the database under test; each call may return a new database. */
    protected abstract String url();

    protected AsyncEngine engine(EngineOptions.Builder options) {
        return AsyncEngine.create(url(), options.loggingName(this.name).build());
    }

    @BeforeEach
    void setUp() {
        this.name = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        this.table = this.name;
        this.echo = new EchoCapture(this.name);
        this.engine = engine(EngineOptions.builder().echo(true));
        this.engine.begin(conn -> conn.execute(text("create table " + this.table
                + " (id integer primary key, name varchar(50), constraint uq_" + this.table + "_name unique (name))"))).blockLast();
        this.echo.clear();
    }

    @AfterEach
    void tearDown() {
        if (this.engine == null) {
            this.echo.close();
            return;
        }
        this.engine.begin(conn -> conn.execute(text("drop table if exists " + this.table))).blockLast();
        this.engine.dispose().block();
        this.echo.close();
    }

    protected Mono<Long> count(AsyncEngine on) {
        return on.connect(conn -> conn.<Number>scalar(text("select count(*) from " + this.table)))
                .single().map(value -> value.orElseThrow().longValue());
    }

    protected Mono<Result> insert(AsyncConnection conn, int id, String name) {
        return conn.execute(text("insert into " + this.table + " (id, name) values (:id, :name)"), Map.of("id", id, "name", name));
    }

    // ---------------------------------------------------------------- AS-01, DS-01, DS-02, ES-15

    @Test
    void coreSynopsisCommitsTheBeginBlockAndRollsBackTheConnectBlockInEchoOrder() {
        Mono<List<Row>> synopsis = this.engine.begin(conn -> conn.execute(text("drop table if exists " + this.table))
                        .then(conn.execute(text("create table " + this.table + " (name varchar(50) primary key)")))
                        .then(conn.execute(text("insert into " + this.table + " (name) values (:name)"),
                                List.of(Map.of("name", "some name 1"), Map.of("name", "some name 2")))))
                .then(this.engine.connect(conn -> conn.execute(text("select name from " + this.table + " where name = :name"),
                        Map.of("name", "some name 1")).map(Result::all)).single());

        StepVerifier.create(synopsis)
                .assertNext(rows -> assertThat(rows).extracting(row -> row.get("name")).containsExactly("some name 1"))
                .verifyComplete();

        String marker = this.engine.dialect().bindMarker(0);
        assertThat(this.echo.statements()).containsExactly(
                "BEGIN (implicit)",
                "drop table if exists " + this.table,
                "create table " + this.table + " (name varchar(50) primary key)",
                "insert into " + this.table + " (name) values (" + marker + ")",
                "COMMIT",
                "BEGIN (implicit)",
                "select name from " + this.table + " where name = " + marker,
                "ROLLBACK");
        assertThat(this.echo.lines()).contains("[parameters] [{name=some name 1}, {name=some name 2}]");
        StepVerifier.create(count(this.engine)).expectNext(2L).verifyComplete();
    }

    @Test
    void connectScopeRollsBackUnlessCommitted() {
        StepVerifier.create(this.engine.connect(conn -> insert(conn, 1, "a")).then(count(this.engine))).expectNext(0L).verifyComplete();
        StepVerifier.create(this.engine.connect(conn -> insert(conn, 1, "a").then(conn.commit())).then(count(this.engine)))
                .expectNext(1L).verifyComplete();
    }

    @Test
    void beginRollsBackOnErrorAndPropagatesTheErrorUnchanged() {
        IllegalStateException boom = new IllegalStateException("boom");
        StepVerifier.create(this.engine.begin(conn -> insert(conn, 1, "a").then(Mono.error(boom))))
                .verifyErrorSatisfies(error -> assertThat(error).isSameAs(boom));
        StepVerifier.create(count(this.engine)).expectNext(0L).verifyComplete();
        assertThat(this.engine.poolStatus().acquired()).isZero();
    }

    @Test
    void beginRollsBackOnCancel() {
        StepVerifier.create(this.engine.begin(conn -> insert(conn, 1, "a").thenMany(Flux.never())), 1)
                .thenAwait(Duration.ofMillis(50))
                .thenCancel()
                .verify();
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> this.engine.poolStatus().acquired() == 0);
        StepVerifier.create(count(this.engine)).expectNext(0L).verifyComplete();
    }

    // ---------------------------------------------------------------- results on a real database

    @Test
    void executemanyReportsTheTotalRowCountAndBufferedResultsOutliveTheConnection() {
        Mono<Result> work = this.engine.begin(conn -> conn.execute(text("insert into " + this.table + " (id, name) values (:id, :name)"),
                        List.of(Map.of("id", 1, "name", "a"), Map.of("id", 2, "name", "b"), Map.of("id", 3, "name", "c"))))
                .single();
        StepVerifier.create(work).assertNext(result -> assertThat(result.rowCount()).isEqualTo(3)).verifyComplete();

        Result result = this.engine.connect(conn -> conn.execute(text("select id, name from " + this.table + " order by id")))
                .single().block();
        assertThat(result.keys()).containsExactly("id", "name");
        assertThat(result.<Integer>scalars("id").all()).containsExactly(1, 2, 3);
    }

    @Test
    void nullValuesRoundTripAndScalarDistinguishesNullFromNoRow() {
        Map<String, Object> nullName = new HashMap<>();
        nullName.put("id", 1);
        nullName.put("name", null);
        this.engine.begin(conn -> conn.execute(text("insert into " + this.table + " (id, name) values (:id, :name)"), nullName)
                .then(conn.execute(text("insert into " + this.table + " (id, name) values (:id, :name)"),
                        Map.of("id", 2, "name", Sql.nullOf(String.class))))).blockLast();

        String byId = "select name from " + this.table + " where id = :id";
        StepVerifier.create(this.engine.connect(conn -> conn.scalar(text(byId), Map.of("id", 1)))).expectNext(Optional.empty()).verifyComplete();
        StepVerifier.create(this.engine.connect(conn -> conn.scalar(text(byId), Map.of("id", 99)))).verifyComplete();
        StepVerifier.create(this.engine.connect(conn -> conn.<String>scalars(text("select name from " + this.table)).map(s -> s.all())))
                .assertNext(names -> assertThat(names).containsExactly(null, null)).verifyComplete();
    }

    @Test
    void binaryAndTextValuesRoundTripAsByteArraysAndStrings() {
        String binary = switch (this.engine.dialect().name()) {
            case "postgresql" -> "bytea";
            case "mariadb" -> "blob";
            default -> "varbinary(100)";
        };
        String body = switch (this.engine.dialect().name()) {
            case "postgresql" -> "text";
            case "mariadb" -> "longtext";
            default -> "clob";
        };
        byte[] bytes = {0, 1, 2, (byte) 255};
        String longText = "x'\"\u00e9\u4e2d".repeat(2000);
        Mono<Result> roundTrip = this.engine.connect(conn -> conn.execute(text("create table " + this.table + "_lob (b " + binary
                        + ", t " + body + ")"))
                .then(conn.execute(text("insert into " + this.table + "_lob (b, t) values (:b, :t)"), Map.of("b", bytes, "t", longText)))
                .then(conn.execute(text("select b, t from " + this.table + "_lob")))).single();
        StepVerifier.create(roundTrip).assertNext(result -> {
            Row row = result.one();
            assertThat(row.get("b")).isInstanceOf(byte[].class).isEqualTo(bytes);
            assertThat(row.get("t")).isEqualTo(longText);
            assertThat(row).isEqualTo(new Row(io.asyncorm.result.RowKeys.of(List.of("b", "t")), new Object[] {bytes.clone(), longText}));
        }).verifyComplete();
    }

    @Test
    void executeRefusesStreamingOptions() {
        ExecutionOptions streaming = ExecutionOptions.builder().streamResults(true).build();
        StepVerifier.create(this.engine.connect(conn -> conn.execute(text("select 1"), List.of(), streaming)))
                .verifyErrorSatisfies(error -> assertThat(error).isInstanceOf(AsyncMethodRequired.class)
                        .hasMessage("Can't use the AsyncConnection.execute() method with a server-side cursor. "
                                + "Use the AsyncConnection.stream() method for an async streaming result set."));
        ExecutionOptions yieldPer = ExecutionOptions.builder().yieldPer(2).build();
        StepVerifier.create(this.engine.connect(conn -> conn.executionOptions(yieldPer).flatMap(c -> c.execute(text("select 1")))))
                .verifyError(AsyncMethodRequired.class);
    }

    // ---------------------------------------------------------------- streaming (AS-03, DS-03, DS-05, ES-25)

    @Test
    void streamReadsRowsInPartitionsAndClosesTheScopedResultOnEveryPath() {
        this.engine.begin(conn -> conn.execute(text("insert into " + this.table + " (id, name) values (:id, :name)"),
                IntStream.rangeClosed(1, 7).mapToObj(i -> Map.of("id", i, "name", "n" + i)).toList())).blockLast();
        String select = "select id, name from " + this.table + " order by id";

        StepVerifier.create(this.engine.connect(conn -> conn.stream(text(select)).flatMapMany(result -> result.partitions(3)))
                        .map(List::size))
                .expectNext(3, 3, 1).verifyComplete();

        List<AsyncResult> seen = new CopyOnWriteArrayList<>();
        StepVerifier.create(this.engine.connect(conn -> conn.stream(text(select), Map.of(), result -> {
            seen.add(result);
            return result.rows().map(row -> {
                if (row.get("id", Integer.class) == 2) {
                    throw new IllegalStateException("failing consumer");
                }
                return row;
            });
        }))).expectNextCount(1).verifyErrorMessage("failing consumer");
        assertThat(seen).singleElement().satisfies(result -> assertThat(result.isClosed()).isTrue());

        StepVerifier.create(this.engine.connect(conn -> conn.<Integer, Integer>streamScalars(text(select), Map.of(), r -> r.rows())))
                .expectNext(1, 2, 3, 4, 5, 6, 7).verifyComplete();
        assertThat(this.engine.poolStatus().acquired()).isZero();
    }

    @Test
    void scalarAndMappingStreamsPartitionByYieldPerAndSayWhenTheyAreClosed() {
        insert(this.engine, 5);
        ExecutionOptions yieldTwo = ExecutionOptions.builder().yieldPer(2).build();
        StepVerifier.create(this.engine.connect(conn -> conn.stream(text("select id from " + this.table + " order by id"), Map.of(),
                yieldTwo).flatMap(result -> {
                    io.asyncorm.result.AsyncScalarResult<Integer> ids = result.scalars();
                    boolean openBefore = !ids.isClosed();
                    return ids.partitions().collectList().map(parts -> List.of(openBefore, parts, ids.isClosed()));
                }))).expectNext(List.of(true, List.of(List.of(1, 2), List.of(3, 4), List.of(5)), true)).verifyComplete();
        StepVerifier.create(this.engine.connect(conn -> conn.stream(text("select id, name from " + this.table + " order by id"),
                Map.of(), yieldTwo).flatMap(result -> {
                    io.asyncorm.result.AsyncMappingResult mappings = result.mappings();
                    return mappings.partitions().map(List::size).collectList()
                            .flatMap(sizes -> mappings.close().thenReturn(List.of(sizes, mappings.isClosed())));
                }))).expectNext(List.of(List.of(2, 2, 1), true)).verifyComplete();
    }

    @Test
    void anOpenStreamBlocksOtherStatementsWhereTheDatabaseCannotRunThemBesideItAndIsClosedWithTheConnection() {
        insert(this.engine, 3);
        if (this.engine.dialect().supportsStatementsWhileStreaming()) {
            // H2 keeps each result it returns: a statement runs between two reads, and the stream goes on after it.
            StepVerifier.create(this.engine.connect(conn -> conn.stream(text("select id from " + this.table + " order by id"))
                    .flatMap(result -> result.fetchOne().flatMap(first -> conn.execute(text("select 1")))
                            .then(result.all()).map(List::size))).single())
                    .expectNext(2).verifyComplete();
        } else {
            Mono<Object> work = this.engine.connect(conn -> conn.stream(text("select id from " + this.table))
                    .flatMap(result -> conn.execute(text("select 1")).cast(Object.class))).single();
            StepVerifier.create(work).verifyErrorSatisfies(error -> assertThat(error).isInstanceOf(InvalidRequestError.class)
                    .hasMessageContaining("open streamed result"));
        }
        StepVerifier.create(this.engine.connect(conn -> conn.stream(text("select id from " + this.table))
                .flatMap(result -> result.close().then(conn.execute(text("select 1"))))).single().map(Result::rowCount))
                .expectNextCount(1).verifyComplete();
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> this.engine.poolStatus().acquired() == 0);
    }

    protected void insert(AsyncEngine on, int rows) {
        on.begin(conn -> conn.execute(text("insert into " + this.table + " (id, name) values (:id, :name)"),
                IntStream.rangeClosed(1, rows).mapToObj(i -> Map.of("id", i, "name", "n" + i)).toList())).blockLast();
    }

    // ---------------------------------------------------------------- transactions (ES-07, ES-16, P7, P8)

    /**
     * Each checkout waits at most {@code poolTimeout} and each close rolls its transaction back within
     * {@code cleanupTimeout}; the limits are kept without a timer task per checkout or ROLLBACK (Reactor's
     * {@code timeout(Duration)}, and r2dbc-pool's {@code maxAcquireTime} through it, schedule one on the parallel scheduler
     * per call, and waking its thread was a large part of the client's work for a read). Counted with Reactor's schedule
     * hook: 600 for these 200 reads before.
     */
    @Test
    void checkoutsAndRollbacksKeepTheirTimeLimitsWithoutATimerTaskEach() {
        java.util.concurrent.atomic.AtomicInteger scheduled = new java.util.concurrent.atomic.AtomicInteger();
        reactor.core.scheduler.Schedulers.onScheduleHook("count-timers", task -> {
            // Timers only (Reactor's timeout waits on a MonoDelay); r2dbc-pool hands a checkout to its connection's event
            // loop with a task of its own, which is not a timer.
            if (StackWalker.getInstance().walk(frames -> frames.anyMatch(frame -> frame.getClassName().equals("reactor.core.publisher.MonoDelay")))) {
                scheduled.incrementAndGet();
            }
            return task;
        });
        try {
            StepVerifier.create(Flux.range(0, 200).concatMap(i -> this.engine.connect(conn -> conn.execute(text("select 1")))))
                    .expectNextCount(200)
                    .verifyComplete();
        } finally {
            reactor.core.scheduler.Schedulers.resetOnScheduleHook("count-timers");
        }
        assertThat(this.echo.lines().stream().filter("ROLLBACK"::equals).count()).as("ROLLBACKs sent").isEqualTo(200);
        assertThat(scheduled.get()).as("timer tasks scheduled for 200 reads").isLessThan(20);
    }

    /**
     * A cancel that lands while the engine hands the connection to the work: Reactor's {@code usingWhen} then subscribes
     * the work and cancels it at once, so the close runs while the work's first step is being subscribed. Nothing of
     * the work may reach the connection after the close gave it back. Its BEGIN did (made before the close, sent after
     * it), and the pool held a connection inside a transaction: seen on PostgreSQL as a backend left "idle in
     * transaction" by a stream cancelled a few milliseconds after it started.
     */
    @Test
    void aCancelWhileTheConnectionIsHandedToTheWorkSendsNothingAfterTheRelease() {
        onOneConnection(EngineOptions.builder(), single -> {
            BaseSubscriber<Result> receiver = new BaseSubscriber<>() {
            };
            single.connect(conn -> {
                receiver.dispose();
                return insert(conn, 1, "never");
            }).subscribe(receiver);
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> single.poolStatus().acquired() == 0);
            // The same (only) connection again, looked at through the driver: a statement of its own first, so that
            // whatever was sent before it has been answered.
            Mono<Boolean> autoCommit = single.connect(conn -> conn.getRawConnection()
                    .flatMap(raw -> Flux.from(raw.createStatement("select 1").execute()).concatMap(result -> result.map((row, meta) -> 1))
                            .then(Mono.fromCallable(raw::isAutoCommit)))).single();
            StepVerifier.create(autoCommit).as("the pooled connection is outside any transaction").expectNext(true).verifyComplete();
            StepVerifier.create(count(single)).expectNext(0L).verifyComplete();
        });
    }

    /**
     * SQLAlchemy's {@code dispose()} replaces the pool: connections checked out stay with their units, and a checkout
     * waiting for a connection still gets one (here from the new pool, at once). It used to fail with "could not
     * connect ... Pool has been shut down".
     */
    @Test
    void aCheckoutWaitingWhenTheEngineIsDisposedGetsAConnectionFromTheNewPool() {
        onOneConnection(EngineOptions.builder(), single -> {
            Sinks.Empty<Void> finish = Sinks.empty();
            try {
                java.util.concurrent.CompletableFuture<Object> held = single.begin(conn -> insert(conn, 1, "held").then(finish.asMono()))
                        .then(Mono.<Object>just("committed")).toFuture();
                Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> single.poolStatus().acquired() == 1);
                java.util.concurrent.CompletableFuture<Long> waiting = count(single).toFuture();
                Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> single.poolStatus().pending() == 1);
                StepVerifier.create(single.dispose()).verifyComplete();
                assertThat(waiting).as("the waiting checkout, on a new connection").succeedsWithin(Duration.ofSeconds(5)).isEqualTo(0L);
                finish.tryEmitEmpty();
                assertThat(held).as("the unit that held the old pool's connection").succeedsWithin(Duration.ofSeconds(5))
                        .isEqualTo("committed");
                StepVerifier.create(count(single)).expectNext(1L).verifyComplete();
            } finally {
                finish.tryEmitEmpty();
            }
        });
    }

    @Test
    void savepointRollbackKeepsTheOuterTransactionsRows() {
        Flux<Object> work = this.engine.begin(conn -> insert(conn, 1, "outer")
                .then(conn.beginNested(savepoint -> insert(conn, 2, "inner").then(Mono.error(new IllegalStateException("inner fails"))))
                        .onErrorResume(IllegalStateException.class, error -> Mono.empty())
                        .then())
                .then(Mono.fromCallable(conn::inNestedTransaction)));
        StepVerifier.create(work).expectNext(false).verifyComplete();
        StepVerifier.create(this.engine.connect(conn -> conn.<String>scalars(text("select name from " + this.table)).map(s -> s.all())))
                .expectNext(List.of("outer")).verifyComplete();
        assertThat(this.echo.statements()).contains("SAVEPOINT sp_1", "ROLLBACK TO SAVEPOINT sp_1", "COMMIT");
    }

    @Test
    void aFailedStatementInsideASavepointIsRolledBackToIt() {
        Flux<Result> work = this.engine.begin(conn -> insert(conn, 1, "a")
                .then(conn.beginNested(savepoint -> insert(conn, 2, "a")).then().onErrorResume(IntegrityError.class, e -> Mono.empty()))
                .then(insert(conn, 3, "c")));
        StepVerifier.create(work).expectNextCount(1).verifyComplete();
        StepVerifier.create(this.engine.connect(conn -> conn.<Integer>scalars(text("select id from " + this.table + " order by id"))
                .map(s -> s.all()))).expectNext(List.of(1, 3)).verifyComplete();
    }

    @Test
    void startedSavepointCloseRollsItBackAndReleaseKeepsIt() {
        Flux<Object> work = this.engine.begin(conn -> conn.beginNested()
                .flatMap(sp -> insert(conn, 1, "dropped").then(sp.close()))
                .then(conn.beginNested())
                .flatMap(sp -> insert(conn, 2, "kept").then(sp.commit()).thenReturn(sp))
                .map(sp -> List.of(sp.isNested(), sp.isActive(), conn.inTransaction())));
        StepVerifier.create(work).expectNext(List.of(true, false, true)).verifyComplete();
        StepVerifier.create(count(this.engine)).expectNext(1L).verifyComplete();
        assertThat(this.echo.statements()).contains("RELEASE SAVEPOINT sp_2");
    }

    /**
     * SQLAlchemy's transaction context manager: once the work inside {@code begin(fn)} / {@code beginNested(fn)} ends
     * the block's transaction itself, further statements in the block fail with SQLAlchemy's message (they would
     * otherwise run in a new transaction rolled back at close, or in the outer one), and the block ends with that one
     * error. Commit and rollback, root and savepoint.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0} of a {1} block")
    @org.junit.jupiter.params.provider.CsvSource({"commit, root", "rollback, root", "commit, nested", "rollback, nested"})
    void workAfterTheBlocksTransactionEndedInsideItIsRefused(String end, String level) {
        java.util.function.Function<AsyncConnection, Flux<Result>> block = conn -> {
            java.util.function.Function<AsyncTransaction, Mono<Result>> work = transaction -> insert(conn, 2, "inside")
                    .then(end.equals("commit") ? transaction.commit() : transaction.rollback())
                    .then(insert(conn, 3, "after the end"));
            return level.equals("root") ? conn.begin(work) : conn.begin(root -> insert(conn, 1, "outer")
                    .thenMany(conn.beginNested(work)).onErrorResume(error -> insert(conn, 4, "outer again").then(Mono.error(error))));
        };
        StepVerifier.create(this.engine.connect(block))
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOf(InvalidRequestError.class)
                        .hasMessage("Can't operate on closed transaction inside context manager.  Please complete the context "
                                + "manager before emitting further commands.")
                        .hasNoSuppressedExceptions())
                .verify();
        List<Integer> expected = end.equals("commit") ? (level.equals("root") ? List.of(2) : List.of()) : List.of();
        StepVerifier.create(this.engine.connect(conn -> conn.<Integer>scalars(text("select id from " + this.table + " order by id"))
                .map(s -> s.all()))).expectNext(expected).verifyComplete();
        assertThat(this.engine.poolStatus().acquired()).isZero();
    }

    @Test
    void afterAnEndedInnerBlockTheOuterBlockWorksOn() {
        Flux<Result> work = this.engine.begin(conn -> conn.beginNested(savepoint -> insert(conn, 1, "kept").then(savepoint.commit()))
                .then(insert(conn, 2, "outer")));
        StepVerifier.create(work).expectNextCount(1).verifyComplete();
        StepVerifier.create(count(this.engine)).expectNext(2L).verifyComplete();
    }

    // ---------------------------------------------------------------- isolation (SQLAlchemy's get_isolation_level, execution options)

    @Test
    void anIsolationLevelAppliesAtOnceIsReportedByTheServerAndIsResetForTheNextCheckout() {
        onOneConnection(EngineOptions.builder(), single -> {
            io.r2dbc.spi.IsolationLevel serverDefault = single.connect(AsyncConnection::getIsolationLevel).single().block();
            ExecutionOptions serializable = ExecutionOptions.builder().isolationLevel(io.r2dbc.spi.IsolationLevel.SERIALIZABLE).build();
            StepVerifier.create(single.connect(conn -> conn.executionOptions(serializable).flatMap(AsyncConnection::getIsolationLevel)))
                    .expectNext(io.r2dbc.spi.IsolationLevel.SERIALIZABLE).verifyComplete();
            StepVerifier.create(single.connect(AsyncConnection::getIsolationLevel)).as("the same physical connection, reset")
                    .expectNext(serverDefault).verifyComplete();
        });
    }

    /**
     * A cancel landing after the driver answered the isolation level's SET but before the engine's books recorded it
     * (from another thread in production; here on the same thread, see {@link #cancelAsItsFirstCommandAnswers}): the
     * close must still put the connection back at the pool's level. The books used to follow the settling, so such a
     * close saw neither the in-flight mark nor the new level and pooled the connection at SERIALIZABLE.
     */
    @Test
    void aCancelRightAfterTheIsolationLevelAnsweredStillResetsItOnClose() {
        onOneConnection(EngineOptions.builder(), single -> {
            io.r2dbc.spi.IsolationLevel serverDefault = single.connect(AsyncConnection::getIsolationLevel).single().block();
            ExecutionOptions serializable = ExecutionOptions.builder().isolationLevel(io.r2dbc.spi.IsolationLevel.SERIALIZABLE).build();
            // The engine reads the server's level once per physical connection: then the next unit's first I/O is the SET.
            single.connect(conn -> conn.executionOptions(serializable)).blockLast();
            cancelAsItsFirstCommandAnswers(single, conn -> conn.executionOptions(serializable));
            StepVerifier.create(single.connect(AsyncConnection::getIsolationLevel)).as("the same physical connection, reset")
                    .expectNext(serverDefault).verifyComplete();
        });
    }

    /** The same for BEGIN: the close sends its ROLLBACK, as for any other transaction (it sent none). */
    @Test
    void aCancelRightAfterBeginAnsweredStillRollsBackOnClose() {
        onOneConnection(EngineOptions.builder().echo(true), single -> {
            cancelAsItsFirstCommandAnswers(single, AsyncConnection::begin);
            assertThat(this.echo.lines()).containsSubsequence("BEGIN (implicit)", "ROLLBACK");
        });
    }

    /** Runs a test against an engine of the database under test whose pool holds one connection; disposes it after. */
    private void onOneConnection(EngineOptions.Builder options, java.util.function.Consumer<AsyncEngine> test) {
        AsyncEngine single = engine(options.poolSize(1).maxOverflow(0));
        try {
            test.accept(single);
        } finally {
            single.dispose().block();
        }
    }

    /**
     * Runs the work on a connection and cancels it from the first driver command's answer, after the engine took the
     * connection for settled and before anything downstream of the command ran: a hook on the engine's in-flight marker
     * ({@link Unsettled}, assembled through Reactor's hooks), limited to this unit by a context key. Returns once the
     * connection is back in the pool.
     */
    @SuppressWarnings("unchecked")
    private static void cancelAsItsFirstCommandAnswers(AsyncEngine engine, java.util.function.Function<AsyncConnection, Mono<?>> work) {
        BaseSubscriber<Object> receiver = new BaseSubscriber<>() {
        };
        java.util.concurrent.atomic.AtomicBoolean cancelled = new java.util.concurrent.atomic.AtomicBoolean();
        // Operators are hooked as they are assembled, and the engine makes its steps as they are about to run (on the
        // driver's threads): the hook stays until the unit has ended.
        Hooks.onEachOperator("cancel-when-answered", publisher -> !(publisher instanceof Unsettled) ? publisher
                : ((Mono<Object>) publisher).doOnEach(signal -> {
                    if (signal.isOnComplete() && signal.getContextView().hasKey("cancel-here") && cancelled.compareAndSet(false, true)) {
                        receiver.dispose();
                    }
                }));
        try {
            engine.connect(work::apply).contextWrite(Context.of("cancel-here", true)).subscribe(receiver);
            Awaitility.await("the unit to end").atMost(Duration.ofSeconds(5)).until(receiver::isDisposed);
        } finally {
            Hooks.resetOnEachOperator("cancel-when-answered");
        }
        assertThat(cancelled).as("cancelled as the command answered").isTrue();
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> engine.poolStatus().acquired() == 0);
    }

    @Test
    void theEnginesIsolationLevelIsReportedAndKeptAcrossCheckouts() {
        AsyncEngine repeatable = engine(EngineOptions.builder().poolSize(1).maxOverflow(0)
                .isolationLevel(io.r2dbc.spi.IsolationLevel.REPEATABLE_READ));
        try {
            for (int i = 0; i < 2; i++) {
                StepVerifier.create(repeatable.connect(AsyncConnection::getIsolationLevel))
                        .expectNext(io.r2dbc.spi.IsolationLevel.REPEATABLE_READ).verifyComplete();
            }
        } finally {
            repeatable.dispose().block();
        }
    }

    /** The server really runs at the level asked: under REPEATABLE READ a row another transaction changes keeps its first value. */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource({"READ_COMMITTED, changed", "REPEATABLE_READ, original"})
    void theServerRunsTheTransactionAtTheLevelAsked(String level, String secondRead) {
        insert(this.engine, 1);
        ExecutionOptions options = ExecutionOptions.builder().isolationLevel(switch (level) {
            case "READ_COMMITTED" -> io.r2dbc.spi.IsolationLevel.READ_COMMITTED;
            default -> io.r2dbc.spi.IsolationLevel.REPEATABLE_READ;
        }).build();
        StepVerifier.create(this.engine.connect(conn -> conn.executionOptions(options)
                .flatMap(c -> c.<String>scalar(text("select name from " + this.table + " where id = 1")))
                .then(this.engine.begin(other -> other.execute(text("update " + this.table + " set name = 'changed' where id = 1")))
                        .then())
                .then(conn.<String>scalar(text("select name from " + this.table + " where id = 1")))
                .map(value -> value.orElseThrow().equals("changed") ? "changed" : "original")))
                .expectNext(secondRead).verifyComplete();
    }

    /** Overlapping use of one connection is the caller's mistake: a clear error, and the statement in flight goes on. */
    @Test
    void aStatementSubscribedWhileAnotherRunsFailsClearlyAndTheConnectionStays() {
        List<Throwable> refused = new CopyOnWriteArrayList<>();
        StepVerifier.create(this.engine.connect(conn -> Flux.merge(insert(conn, 1, "first"), insert(conn, 2, "overlapping")
                        .onErrorResume(InvalidRequestError.class, error -> {
                            refused.add(error);
                            return Mono.empty();
                        }))
                .then(conn.commit())
                .then(Mono.fromCallable(conn::isInvalidated))))
                .expectNext(false).verifyComplete();
        if (this.engine.dialect().name().equals("postgresql")) {
            assertThat(refused).singleElement().extracting(Throwable::getMessage).asString().contains("not safe for concurrent use");
        }
        StepVerifier.create(count(this.engine)).expectNext(2L - refused.size()).verifyComplete();
        assertThat(this.engine.poolStatus().acquired()).isZero();
    }

    @Test
    void closedTransactionsAndConnectionsRaiseTheSeedErrors() {
        Mono<Void> work = this.engine.connect().flatMap(conn -> conn.begin()
                .flatMap(tx -> tx.commit()
                        .then(Mono.fromCallable(tx::isActive))
                        .doOnNext(active -> assertThat(active).isFalse())
                        .then(tx.rollback())
                        .then(tx.commit()))
                .doFinally(signal -> conn.close().block()));
        StepVerifier.create(work).verifyErrorSatisfies(error -> assertThat(error).isInstanceOf(InvalidRequestError.class)
                .hasMessage("This transaction is inactive"));

        AsyncConnection closed = this.engine.connect().flatMap(conn -> conn.close().thenReturn(conn)).block();
        StepVerifier.create(closed.execute(text("select 1"))).verifyErrorSatisfies(error -> assertThat(error)
                .isInstanceOf(ResourceClosedError.class).hasMessage("This Connection is closed"));
        StepVerifier.create(closed.close()).verifyComplete();
    }

    @Test
    void beginAfterAutobeginIsAnErrorAndGetTransactionIsStable() {
        StepVerifier.create(this.engine.connect(conn -> conn.execute(text("select 1"))
                        .then(Mono.fromCallable(() -> conn.getTransaction().orElseThrow() == conn.getTransaction().orElseThrow()))
                        .flatMap(same -> conn.begin().thenReturn(same))))
                .verifyErrorSatisfies(error -> assertThat(error).isInstanceOf(InvalidRequestError.class)
                        .hasMessageContaining("already begun a transaction via begin() or autobegin"));
        StepVerifier.create(this.engine.connect(conn -> Mono.just(conn.getTransaction().isPresent()))).expectNext(false).verifyComplete();
    }

    @Test
    void executionOptionsReturnTheSameConnectionAndEngineOptionsShareThePool() {
        StepVerifier.create(this.engine.connect(conn -> conn.executionOptions(ExecutionOptions.builder().option("x", 1).build())
                        .map(same -> same == conn && same.getExecutionOptions().custom().equals(Map.of("x", 1)))))
                .expectNext(true).verifyComplete();
        AsyncEngine derived = this.engine.withExecutionOptions(ExecutionOptions.builder().option("token", "x").build());
        assertThat(derived).isNotSameAs(this.engine).isNotEqualTo(this.engine);
        assertThat(this.engine.executionOptions().custom()).isEmpty();
        AsyncConnection held = derived.connect().block();
        try {
            assertThat(this.engine.poolStatus().acquired()).isEqualTo(1);
            assertThat(held.getExecutionOptions().custom()).containsEntry("token", "x");
        } finally {
            held.close().block();
        }
    }

    @Test
    void invalidateOutsideATransactionReconnectsAndInsideOneRequiresRollback() {
        StepVerifier.create(this.engine.connect(conn -> conn.invalidate()
                        .then(Mono.fromCallable(conn::isInvalidated))
                        .concatWith(conn.execute(text("select 1")).map(r -> conn.isInvalidated()))))
                .expectNext(true, false).verifyComplete();

        StepVerifier.create(this.engine.connect(conn -> conn.execute(text("select 1"))
                        .then(conn.invalidate())
                        .then(conn.execute(text("select 1")))))
                .verifyErrorSatisfies(error -> assertThat(error).isInstanceOf(PendingRollbackError.class)
                        .hasMessageContaining("rollback()"));

        StepVerifier.create(this.engine.connect(conn -> conn.execute(text("select 1"))
                        .then(conn.invalidate())
                        .then(conn.rollback())
                        .then(conn.scalar(text("select 1")))))
                .expectNextCount(1).verifyComplete();
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> this.engine.poolStatus().acquired() == 0);
    }

    /** SQLAlchemy's Transaction.is_valid: active and on a usable connection; an invalidated connection leaves it invalid. */
    @Test
    void aTransactionIsValidUntilItsConnectionIsInvalidated() {
        StepVerifier.create(this.engine.connect(conn -> conn.begin().flatMap(tx -> {
                    boolean before = tx.isValid();
                    return conn.invalidate().then(Mono.fromCallable(() -> List.of(before, tx.isActive(), tx.isValid())))
                            .flatMap(states -> conn.rollback().thenReturn(states));
                })))
                .expectNext(List.of(true, true, false)).verifyComplete();
    }

    /** SQLAlchemy's clear_compiled_cache: the dialect's shapes are forgotten and compiled again on next use. */
    @Test
    void clearCompiledCacheForgetsTheDialectsCompiledShapes() {
        io.asyncorm.sql.Table shapes = new io.asyncorm.sql.MetaData().table(this.table, io.asyncorm.sql.Column.of("id", io.asyncorm.sql.SqlTypes.INTEGER),
                io.asyncorm.sql.Column.of("name", io.asyncorm.sql.SqlTypes.TEXT));
        this.engine.clearCompiledCache();
        this.engine.connect(conn -> conn.execute(Sql.select(shapes.c("id"))).then(conn.execute(Sql.select(shapes.c("name")))))
                .blockLast();
        assertThat(Sql.clearCompiledCache(this.engine.dialect())).isGreaterThanOrEqualTo(2);
        assertThat(Sql.clearCompiledCache(this.engine.dialect())).isZero();
    }

    /** SQLAlchemy's exec_driver_sql: the driver's own markers, bound in order, echoed, in the connection's transaction. */
    @Test
    void execDriverSqlSendsTheSqlAsWrittenWithItsValuesInOrder() {
        String first = this.engine.dialect().bindMarker(0);
        String second = this.engine.dialect().bindMarker(1);
        String insert = "insert into " + this.table + " (id, name) values (" + first + ", " + second + ")";
        StepVerifier.create(this.engine.begin(conn -> conn.execDriverSql(insert, 1, "driver")
                .then(conn.execDriverSql(insert, 2, null))
                .then(conn.execDriverSql("select name from " + this.table + " where id = " + first, 1))))
                .assertNext(result -> assertThat(result.<String>scalarOne()).isEqualTo("driver")).verifyComplete();
        StepVerifier.create(this.engine.connect(conn -> conn.execDriverSql("select count(*) from " + this.table + " where name is null")))
                .assertNext(result -> assertThat(java.util.Objects.requireNonNull(result.<Number>scalarOne()).longValue()).isEqualTo(1)).verifyComplete();
        assertThat(this.echo.statements()).contains(insert);
        StepVerifier.create(this.engine.connect(conn -> conn.execDriverSql("select nosuchcolumn from " + this.table)))
                .verifyError(ProgrammingError.class);
    }

    /**
     * update_execution_options changes the engine in place, for its connections' next transactions;
     * default_isolation_level stays the server's; the driver is named.
     */
    @Test
    void updateExecutionOptionsDefaultIsolationLevelAndDriver() {
        IsolationLevel server = this.engine.connect(AsyncConnection::getDefaultIsolationLevel).blockLast();
        assertThat(server).isNotNull();
        this.engine.updateExecutionOptions(ExecutionOptions.builder().isolationLevel(IsolationLevel.SERIALIZABLE).build());
        assertThat(this.engine.executionOptions().isolationLevel()).isEqualTo(IsolationLevel.SERIALIZABLE);
        StepVerifier.create(this.engine.connect(conn -> conn.getIsolationLevel()
                .flatMap(level -> conn.getDefaultIsolationLevel().map(initial -> reactor.util.function.Tuples.of(level, initial)))))
                .assertNext(levels -> {
                    assertThat(levels.getT1()).isEqualTo(IsolationLevel.SERIALIZABLE);
                    assertThat(levels.getT2()).as("the server's, not the engine's").isEqualTo(server);
                }).verifyComplete();
        assertThat(this.engine.driver()).isEqualTo(this.engine.dialect().name().equals("postgresql") ? "PostgreSQL"
                : this.engine.dialect().name().equals("h2") ? "H2" : "MariaDB");
    }

    /** As SQLAlchemy's: a result with no rows still has its keys, when the statement tells them. */
    @Test
    void aResultWithNoRowsHasTheKeysOfItsSelect() {
        io.asyncorm.sql.Table t = new io.asyncorm.sql.MetaData().table(this.table, io.asyncorm.sql.Column.of("id", io.asyncorm.sql.SqlTypes.INTEGER),
                io.asyncorm.sql.Column.of("name", io.asyncorm.sql.SqlTypes.TEXT));
        StepVerifier.create(this.engine.connect(conn -> conn.execute(Sql.select(t.c("name"), Sql.func.count().as("n")).groupBy(t.c("name")))))
                .assertNext(result -> {
                    assertThat(result.keys()).containsExactly("name", "n");
                    assertThat(result.all()).isEmpty();
                }).verifyComplete();
        StepVerifier.create(this.engine.connect(conn -> conn.execute(text("select id from " + this.table))))
                .assertNext(result -> assertThat(result.keys()).as("text: only the driver knows").isEmpty()).verifyComplete();
    }

    /**
     * A statement's row keys are reused from its last run only while the driver reports the same columns: the same SQL
     * after its table gained a column has the new column's key (a fresh engine, so that no driver-side prepared statement
     * is reused either).
     */
    @Test
    void theSameSqlAfterItsTableChangedHasTheNewColumnsKeys() {
        String select = "select * from " + this.table;
        this.engine.begin(conn -> insert(conn, 1, "one")).blockLast();
        StepVerifier.create(this.engine.connect(conn -> conn.execute(text(select))))
                .assertNext(result -> assertThat(result.keys()).containsExactly("id", "name")).verifyComplete();
        this.engine.begin(conn -> conn.execute(text("alter table " + this.table + " add column extra integer"))).blockLast();
        AsyncEngine fresh = engine(EngineOptions.builder());
        try {
            StepVerifier.create(fresh.connect(conn -> conn.execute(text(select))))
                    .assertNext(result -> {
                        assertThat(result.keys()).containsExactly("id", "name", "extra");
                        assertThat(result.all()).singleElement().satisfies(row -> assertThat(row.get("name")).isEqualTo("one"));
                    }).verifyComplete();
        } finally {
            fresh.dispose().block();
        }
    }

    /**
     * The ORM's loads map rows as the driver reads them: in order, with the mapper's nulls left out; the row handed over is
     * refilled for the next one; afterExecute listeners see the rows read.
     */
    @Test
    void rowsMappedAsTheyArriveComeInOrderAndTheListenersSeeTheRowsRead() {
        this.engine.begin(conn -> conn.execute(text("insert into " + this.table + " (id, name) values (:id, :name)"),
                IntStream.rangeClosed(1, 50).mapToObj(i -> Map.<String, Object>of("id", i, "name", "n" + i)).toList())).blockLast();
        List<Long> counts = new CopyOnWriteArrayList<>();
        this.engine.events().afterExecute(ctx -> Mono.fromRunnable(() -> counts.add(ctx.rowCount())));
        List<Row> seen = new ArrayList<>();
        Mono<List<String>> mapped = this.engine.connect(conn -> ((DefaultAsyncConnection) conn).executeMapped(
                text("select id, name from " + this.table + " order by id"), Map.of(), ExecutionOptions.none(), row -> {
                    seen.add(row);
                    return ((Number) row.get(0)).intValue() % 2 == 0 ? (String) row.get("name") : null;
                })).single();
        StepVerifier.create(mapped)
                .assertNext(names -> assertThat(names).containsExactlyElementsOf(
                        IntStream.rangeClosed(1, 25).mapToObj(i -> "n" + (2 * i)).toList()))
                .verifyComplete();
        assertThat(seen).hasSize(50);
        assertThat(counts).containsExactly(50L);
        assertThat(this.engine.poolStatus().acquired()).isZero();
    }

    /**
     * A mapper that refuses a row fails the call with its own exception, untranslated and unseen by the handle-error
     * listeners (the statement succeeded), after the rest of the rows were read: the same connection runs its next
     * statement, and is given back.
     */
    @Test
    void aMapperThatRefusesARowFailsWithItsOwnErrorAndLeavesTheConnectionUsable() {
        this.engine.begin(conn -> conn.execute(text("insert into " + this.table + " (id, name) values (:id, :name)"),
                IntStream.rangeClosed(1, 500).mapToObj(i -> Map.<String, Object>of("id", i, "name", "n" + i)).toList())).blockLast();
        List<Throwable> handled = new CopyOnWriteArrayList<>();
        this.engine.events().handleError(ctx -> {
            handled.add(ctx.error());
            return Mono.empty();
        });
        IllegalStateException refusal = new IllegalStateException("row 3 refused");
        int[] mapped = {0};
        Mono<Long> after = this.engine.connect(conn -> ((DefaultAsyncConnection) conn).executeMapped(
                        text("select id from " + this.table + " order by id"), Map.of(), ExecutionOptions.none(), row -> {
                            if (++mapped[0] == 3) {
                                throw refusal;
                            }
                            return row.get(0);
                        })
                .then(Mono.<Long>error(new AssertionError("the mapping should have failed")))
                .onErrorResume(IllegalStateException.class, error -> {
                    assertThat(error).isSameAs(refusal);
                    return conn.<Number>scalar(text("select count(*) from " + this.table)).map(value -> value.orElseThrow().longValue());
                })).single();
        StepVerifier.create(after).expectNext(500L).verifyComplete();
        assertThat(mapped[0]).as("rows after the refusal are read, not mapped").isEqualTo(3);
        assertThat(handled).isEmpty();
        assertThat(this.engine.poolStatus().acquired()).isZero();
    }

    /** fetchMany() without a size reads the yield-per size, which the scalar and mapping views can set too. */
    @Test
    void fetchManyWithoutASizeReadsTheYieldPerSize() {
        this.engine.begin(conn -> Flux.range(1, 5).concatMap(i -> insert(conn, i, "n" + i))).blockLast();
        String select = "select id from " + this.table + " order by id";
        StepVerifier.create(this.engine.connect(conn -> conn.stream(text(select))
                .flatMap(result -> result.<Integer>scalars().yieldPer(2).fetchMany())))
                .assertNext(values -> assertThat(values).containsExactly(1, 2)).verifyComplete();
        StepVerifier.create(this.engine.connect(conn -> conn.stream(text(select))
                .flatMap(result -> result.mappings().yieldPer(3).fetchMany())))
                .assertNext(rows -> assertThat(rows).hasSize(3)).verifyComplete();
        StepVerifier.create(this.engine.connect(conn -> conn.stream(text(select)).flatMap(result -> result.yieldPer(4).fetchMany())))
                .assertNext(rows -> assertThat(rows).hasSize(4)).verifyComplete();
    }

    // ---------------------------------------------------------------- errors (acceptance 8)

    @Test
    void aUniqueViolationIsAnIntegrityErrorNamingTheConstraintAndNothingIsHalfWritten() {
        StepVerifier.create(this.engine.begin(conn -> insert(conn, 1, "same").then(insert(conn, 2, "same"))))
                .verifyErrorSatisfies(error -> {
                    assertThat(error).isInstanceOf(IntegrityError.class).hasMessageContaining("insert into " + this.table);
                    assertThat(((IntegrityError) error).getConstraintName()).isEqualToIgnoringCase("uq_" + this.table + "_name");
                    assertThat(error.getCause()).isInstanceOf(io.r2dbc.spi.R2dbcException.class);
                });
        StepVerifier.create(count(this.engine)).expectNext(0L).verifyComplete();
    }

    @Test
    void aSyntaxErrorIsAProgrammingErrorWithTheSql() {
        StepVerifier.create(this.engine.connect(conn -> conn.execute(text("selec 1 from " + this.table))))
                .verifyErrorSatisfies(error -> assertThat(error).isInstanceOf(ProgrammingError.class)
                        .hasMessageContaining("[SQL: selec 1 from " + this.table + "]"));
        StepVerifier.create(this.engine.connect(conn -> conn.execute(text("select nosuchcolumn from " + this.table))))
                .verifyError(ProgrammingError.class);
        assertThat(this.engine.poolStatus().acquired()).isZero();
    }

    @Test
    void aMissingParameterIsNamedBeforeAnythingIsSent() {
        StepVerifier.create(this.engine.connect(conn -> conn.execute(text("select name from " + this.table + " where id = :id"))))
                .verifyErrorSatisfies(error -> assertThat(error).isInstanceOf(io.asyncorm.exception.ArgumentError.class)
                        .hasMessageContaining("bind parameter 'id'"));
        StepVerifier.create(this.engine.connect(conn -> conn.execute(text("select name from " + this.table + " where id = :id"),
                        Map.of("di", 1))))
                .verifyErrorSatisfies(error -> assertThat(error).isInstanceOf(io.asyncorm.exception.ArgumentError.class)
                        .hasMessageContaining("bind parameter 'id'").hasMessageContaining("[di]"));
    }

    @Test
    void hiddenParametersStayOutOfErrorsAndLogs() {
        AsyncEngine hidden = engine(EngineOptions.builder().echo(true).hideParameters(true));
        try {
            StepVerifier.create(hidden.begin(conn -> insert(conn, 1, "secret-value").then(insert(conn, 2, "secret-value"))))
                    .verifyErrorSatisfies(error -> assertThat(error.getMessage()).doesNotContain("name=secret-value")
                            .contains("[SQL parameters hidden due to hideParameters=true]"));
            assertThat(this.echo.lines()).noneMatch(line -> line.contains("secret-value"));
        } finally {
            hidden.dispose().block();
        }
    }

    // ---------------------------------------------------------------- pool (AS-02, AS-08, ES-23, acceptance 6)

    @Test
    void disposeClosesPooledConnectionsAndTheEngineStillWorks() {
        this.engine.dispose().block();
        List<Connection> physical = new CopyOnWriteArrayList<>();
        this.engine.events().onConnect(connection -> Mono.fromRunnable(() -> physical.add(connection)));
        Flux.range(0, 2).flatMap(i -> this.engine.connect(conn -> conn.execute(text("select 1")).thenReturn(i)), 2).blockLast();
        assertThat(physical).isNotEmpty();
        assertThat(this.engine.poolStatus().idle()).isEqualTo(physical.size());

        StepVerifier.create(this.engine.dispose()).verifyComplete();
        assertThat(this.engine.poolStatus()).isEqualTo(new PoolStatus(true, 0, 0, 0, 15));
        for (Connection connection : physical) {
            StepVerifier.create(Mono.from(connection.validate(ValidationDepth.LOCAL))).expectNext(false).verifyComplete();
        }
        StepVerifier.create(this.engine.connect(conn -> conn.scalar(text("select 1")))).expectNextCount(1).verifyComplete();

        StepVerifier.create(this.engine.dispose(false)).verifyComplete();
        StepVerifier.create(this.engine.connect(conn -> conn.scalar(text("select 1")))).expectNextCount(1).verifyComplete();
    }

    @Test
    void aCheckoutWhoseListenerFailsGivesItsConnectionBackThenFailsWithTheListenersError() {
        AsyncEngine fresh = engine(EngineOptions.builder().poolSize(1).maxOverflow(0));
        try {
            IllegalStateException refused = new IllegalStateException("connect listener refused");
            Disposable connectListener = fresh.events().onConnect(connection -> Mono.error(refused));
            StepVerifier.create(fresh.connect()).verifyErrorSatisfies(error -> assertThat(error).isSameAs(refused));
            assertThat(fresh.poolStatus().acquired()).isZero();
            connectListener.dispose();

            IllegalStateException busy = new IllegalStateException("checkout listener refused");
            Disposable checkoutListener = fresh.events().onCheckout(connection -> Mono.error(busy));
            StepVerifier.create(fresh.connect()).verifyErrorSatisfies(error -> assertThat(error).isSameAs(busy));
            assertThat(fresh.poolStatus().acquired()).isZero();
            checkoutListener.dispose();

            // The pool's one connection came back both times: the next checkout gets it.
            StepVerifier.create(fresh.connect(conn -> conn.scalar(text("select 1")))).expectNextCount(1).verifyComplete();
            assertThat(fresh.poolStatus().acquired()).isZero();
        } finally {
            fresh.dispose().block();
        }
    }

    @Test
    void aCheckoutCancelledWhileItsListenerRunsGivesItsConnectionBack() {
        AsyncEngine fresh = engine(EngineOptions.builder().poolSize(1).maxOverflow(0));
        try {
            CountDownLatch listening = new CountDownLatch(1);
            Disposable listener = fresh.events().onCheckout(connection -> Mono.<Void>never()
                    .doOnSubscribe(subscription -> listening.countDown()));
            Disposable checkout = fresh.connect().subscribe();
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> listening.getCount() == 0);
            assertThat(fresh.poolStatus().acquired()).isOne();
            checkout.dispose();
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> fresh.poolStatus().acquired() == 0);
            listener.dispose();
            StepVerifier.create(fresh.connect(conn -> conn.scalar(text("select 1")))).expectNextCount(1).verifyComplete();
        } finally {
            fresh.dispose().block();
        }
    }

    @Test
    void withoutAPoolEveryConnectOpensAndClosesAPhysicalConnection() {
        AsyncEngine unpooled = engine(EngineOptions.builder().poolEnabled(false));
        List<Connection> opened = new CopyOnWriteArrayList<>();
        unpooled.events().onConnect(connection -> Mono.fromRunnable(() -> opened.add(connection)));
        try {
            Flux.range(0, 3).concatMap(i -> unpooled.connect(conn -> conn.execute(text("select 1")))).blockLast();
            assertThat(opened).hasSize(3);
            assertThat(unpooled.poolStatus()).isEqualTo(new PoolStatus(false, 0, 0, 0, -1));
            for (Connection connection : opened) {
                StepVerifier.create(Mono.from(connection.validate(ValidationDepth.LOCAL))).expectNext(false).verifyComplete();
            }
            List<Connection> pooled = new ArrayList<>();
            this.engine.events().onConnect(connection -> Mono.fromRunnable(() -> pooled.add(connection)));
            Flux.range(0, 3).concatMap(i -> this.engine.connect(conn -> conn.execute(text("select 1")))).blockLast();
            assertThat(pooled).hasSizeLessThanOrEqualTo(1);
        } finally {
            unpooled.dispose().block();
        }
    }

    @Test
    void anExhaustedPoolFailsWithPoolTimeoutErrorWithinTheTimeout() {
        AsyncEngine small = engine(EngineOptions.builder().poolSize(1).maxOverflow(0).poolTimeout(Duration.ofMillis(500)));
        try {
            AsyncConnection held = small.connect().block();
            long started = System.nanoTime();
            StepVerifier.create(small.connect()).verifyErrorSatisfies(error -> assertThat(error)
                    .isInstanceOf(PoolTimeoutError.class).hasMessageContaining("QueuePool limit of size 1 overflow 0"));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            held.close().block();
            StepVerifier.create(small.connect(conn -> conn.scalar(text("select 1")))).expectNextCount(1).verifyComplete();
        } finally {
            small.dispose().block();
        }
    }

    // ---------------------------------------------------------------- events (P14)

    /** SQLAlchemy's ConnectionEvents for transactions: once per command, in the order the commands go, just before each. */
    @Test
    void transactionListenersFireOncePerCommandInOrder() {
        List<String> fired = new CopyOnWriteArrayList<>();
        this.engine.events().begin(event -> Mono.fromRunnable(() -> fired.add("begin")));
        this.engine.events().commit(event -> Mono.fromRunnable(() -> fired.add("commit")));
        this.engine.events().rollback(event -> Mono.fromRunnable(() -> fired.add("rollback")));
        this.engine.events().savepoint(event -> Mono.fromRunnable(() -> fired.add("savepoint " + event.savepoint())));
        this.engine.events().releaseSavepoint(event -> Mono.fromRunnable(() -> fired.add("release " + event.savepoint())));
        this.engine.events().rollbackSavepoint(event -> Mono.fromRunnable(() -> fired.add("rollback to " + event.savepoint())));
        this.engine.events().beforeExecute(ctx -> Mono.fromRunnable(() -> fired.add("execute")));

        this.engine.begin(conn -> insert(conn, 1, "a")
                .then(conn.beginNested(savepoint -> insert(conn, 2, "b")).then())
                .then(conn.beginNested().flatMap(savepoint -> insert(conn, 3, "c").then(savepoint.rollback())))).blockLast();
        this.engine.connect(conn -> insert(conn, 4, "d")).blockLast();

        assertThat(fired).containsExactly("begin", "execute", "savepoint sp_1", "execute", "release sp_1", "savepoint sp_2",
                "execute", "rollback to sp_2", "commit",
                "begin", "execute", "rollback");
        StepVerifier.create(count(this.engine)).expectNext(2L).verifyComplete();
    }

    @Test
    void aFailingCommitListenerFailsTheCommitAndAFailingRollbackListenerStillRollsBack() {
        Disposable refusing = this.engine.events().commit(event -> Mono.error(new IllegalStateException("no commit")));
        StepVerifier.create(this.engine.begin(conn -> insert(conn, 1, "a")))
                .expectNextCount(1).expectErrorMessage("no commit").verify();
        refusing.dispose();
        StepVerifier.create(count(this.engine)).as("not committed, rolled back by the block").expectNext(0L).verifyComplete();

        AsyncEngine other = engine(EngineOptions.builder());
        try {
            other.events().rollback(event -> Mono.error(new IllegalStateException("listener failed")));
            StepVerifier.create(other.connect(conn -> insert(conn, 1, "a").then(conn.rollback()))).expectErrorMessage("listener failed")
                    .verify();
            StepVerifier.create(count(other)).as("the ROLLBACK was sent all the same").expectNext(0L).verifyComplete();
            assertThat(other.poolStatus().acquired()).isZero();
        } finally {
            other.dispose().block();
        }
    }

    @Test
    void listenersFireInOrderAndMayRunStatementsOnTheSameConnection() {
        List<String> fired = new CopyOnWriteArrayList<>();
        this.engine.dispose().block();
        this.engine.events().onConnect(connection -> Flux.from(connection.createStatement("select 'execute from event'").execute())
                .flatMap(result -> result.map((row, meta) -> String.valueOf(row.get(0))))
                .doOnNext(value -> fired.add("connect: " + value))
                .then());
        this.engine.events().beforeExecute(ctx -> Mono.fromRunnable(() -> fired.add("before: " + ctx.sql())));
        this.engine.events().afterExecute(ctx -> Mono.fromRunnable(() -> fired.add("after: " + ctx.sql())));
        this.engine.events().beforeExecute(ctx -> ctx.sql().equals("select 1")
                ? ctx.connection().execute(text("select 2")).then() : Mono.empty());

        this.engine.connect(conn -> conn.execute(text("select 1"))).blockLast();
        this.engine.connect(conn -> conn.execute(text("select 3"))).blockLast();

        assertThat(fired).containsExactly(
                "connect: execute from event",
                "before: select 1",
                "before: select 2",
                "after: select 2",
                "after: select 1",
                "before: select 3",
                "after: select 3");
    }

    @Test
    void theConnectionFactoryViewSharesThePoolAndGivesConnectionsBackOnClose() {
        io.r2dbc.spi.ConnectionFactory view = this.engine.connectionFactory();
        int[] acquiredInside = {-1};
        Mono<Object> value = Mono.usingWhen(Mono.from(view.create()),
                connection -> Flux.from(connection.createStatement("select 1").execute())
                        .flatMap(result -> result.map((row, metadata) -> row.get(0)))
                        .doOnNext(v -> acquiredInside[0] = this.engine.poolStatus().acquired()).single(),
                Connection::close);
        StepVerifier.create(value).assertNext(v -> assertThat(((Number) v).intValue()).isEqualTo(1)).verifyComplete();
        assertThat(acquiredInside[0]).as("checked out of the engine's own pool").isEqualTo(1);
        assertThat(this.engine.poolStatus().acquired()).isZero();
        assertThat(view.getMetadata().getName()).isNotBlank();
    }
}
