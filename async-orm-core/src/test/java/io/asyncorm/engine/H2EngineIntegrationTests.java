package io.asyncorm.engine;

import static io.asyncorm.sql.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.asyncorm.exception.StatementTimeoutError;
import io.asyncorm.result.Result;
import io.asyncorm.testing.TestDatabases;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.BaseSubscriber;
import reactor.test.StepVerifier;

/** The engine scenarios on an in-memory H2 database, and what only H2 needs. */
class H2EngineIntegrationTests extends AbstractEngineIntegrationTests {

    private final String url = TestDatabases.h2();

    @Override
    protected String url() {
        return this.url;
    }

    /**
     * H2 runs a statement on the thread that asked for it and closes a session without waiting for a statement still
     * running on it (it rolls back, then commits the session's temporary objects). A unit cancelled from another thread
     * while H2 runs its statement discards the connection: closed beside the statement, the statement's writes after the
     * rollback were committed by the close's commit, or stayed in a transaction no session owns, holding its table lock
     * until the database closed. Seen in the cancellation suite as a half-committed unit and a DROP timing out on a lock.
     */
    @Test
    void aUnitCancelledWhileH2RunsItsStatementIsRolledBackAndLeavesNoLock() throws Exception {
        createHoldStatement();
        BaseSubscriber<Result> unit = new BaseSubscriber<>() {
        };
        // Subscribed on a thread of its own: H2 runs the statement on the subscribing thread.
        new Thread(() -> this.engine.begin(conn -> insert(conn, 1, "before")
                .then(conn.execute(text("call hold_statement('" + this.table + "')")))).subscribe(unit), "unit").start();
        assertThat(HeldStatement.started.await(10, TimeUnit.SECONDS)).as("the statement runs").isTrue();
        Thread canceller = new Thread(unit::dispose, "canceller");
        canceller.start();
        // A cleanup that closes at once gives the pool its connection back; one that waits for the statement parks on
        // H2's session lock. Either way the statement goes on only once the cleanup has closed or is waiting.
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO)
                .until(() -> this.engine.poolStatus().acquired() == 0 || HeldStatement.waitedOn());
        HeldStatement.release.countDown();
        canceller.join(10_000);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> this.engine.poolStatus().acquired() == 0);
        assertThat(HeldStatement.closedUnderIt).as("the session was closed while its statement ran").isFalse();
        StepVerifier.create(count(this.engine)).as("nothing of the cancelled unit is committed").expectNext(0L).verifyComplete();
        StepVerifier.create(this.engine.begin(conn -> conn.execute(text("set lock_timeout 500"))
                        .then(conn.execute(text("drop table " + this.table)))))
                .as("no lock is left on the table").expectNextCount(1).verifyComplete();
    }

    /**
     * The {@code timeout} execution option on H2: H2 cannot be asked to stop a statement from outside, so the timed-out
     * call fails once the statement has ended (its connection discarded, its transaction rolled back), not beside it.
     */
    @Test
    void aStatementTimeoutOnH2FailsOnceTheStatementHasEndedAndKeepsNothing() throws Exception {
        createHoldStatement();
        ExecutionOptions limit = ExecutionOptions.builder().timeout(Duration.ofMillis(50)).build();
        java.util.concurrent.CompletableFuture<Throwable> failed = new java.util.concurrent.CompletableFuture<>();
        new Thread(() -> this.engine.begin(conn -> insert(conn, 1, "before")
                        .then(conn.execute(text("call hold_statement('" + this.table + "')"), List.of(), limit)))
                .subscribe(null, failed::complete, () -> failed.complete(null)), "unit").start();
        assertThat(HeldStatement.started.await(10, TimeUnit.SECONDS)).as("the statement runs").isTrue();
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO)
                .until(() -> this.engine.poolStatus().acquired() == 0 || HeldStatement.waitedOn());
        assertThat(failed).as("no answer while the statement runs").isNotDone();
        HeldStatement.release.countDown();
        assertThat(failed.get(10, TimeUnit.SECONDS)).isInstanceOf(StatementTimeoutError.class);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> this.engine.poolStatus().acquired() == 0);
        assertThat(HeldStatement.closedUnderIt).as("the session was closed while its statement ran").isFalse();
        StepVerifier.create(count(this.engine)).as("nothing of the timed-out unit is committed").expectNext(0L).verifyComplete();
    }

    private void createHoldStatement() {
        this.engine.connect(conn -> conn.execute(text("create alias hold_statement for '" + HeldStatement.class.getName() + ".hold'"))
                .then(conn.commit())).blockLast();
        HeldStatement.reset();
    }

    /** An H2 function (an alias of this method) that holds the statement calling it until the test lets it go. */
    public static final class HeldStatement {

        static volatile CountDownLatch started = new CountDownLatch(1);

        static volatile CountDownLatch release = new CountDownLatch(1);

        static volatile boolean closedUnderIt;

        static volatile @org.jspecify.annotations.Nullable Thread holder;

        private HeldStatement() {
        }

        static void reset() {
            started = new CountDownLatch(1);
            release = new CountDownLatch(1);
            closedUnderIt = false;
        }

        /** Whether a thread other than the held statement's waits for an H2 session's lock (a cleanup queued behind it). */
        static boolean waitedOn() {
            return Thread.getAllStackTraces().entrySet().stream().anyMatch(thread -> thread.getKey() != holder
                    && java.util.Arrays.stream(thread.getValue()).anyMatch(frame -> frame.getClassName().equals("org.h2.engine.Session")
                            && frame.getMethodName().equals("lock")));
        }

        /**
         * Called by H2 inside the statement: waits for the test, then writes a row through the statement's own session.
         *
         * @param session the session running the statement
         * @param table the table to write to
         * @return the rows written
         * @throws Exception when the session is closed
         */
        public static int hold(java.sql.Connection session, String table) throws Exception {
            holder = Thread.currentThread();
            started.countDown();
            release.await(10, TimeUnit.SECONDS);
            closedUnderIt = session.isClosed();
            try (java.sql.Statement insert = session.createStatement()) {
                return insert.executeUpdate("insert into " + table + " (id, name) values (2, 'held')");
            }
        }
    }
}
