package io.asyncorm.engine;

import static io.asyncorm.sql.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.asyncorm.exception.StatementTimeoutError;
import io.asyncorm.result.Result;
import io.asyncorm.testing.TestDatabases;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import reactor.core.CoreSubscriber;
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
        BaseSubscriber<Result> unit = new BaseSubscriber<>() {
        };
        runHeld(ExecutionOptions.none(), unit);
        Thread canceller = new Thread(unit::dispose, "canceller");
        canceller.start();
        releaseOnceTheCleanupClosedOrWaits();
        canceller.join(10_000);
        assertTheSessionOutlivedItsStatementAndNothingIsCommitted();
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
        CompletableFuture<Throwable> failed = new CompletableFuture<>();
        runHeld(ExecutionOptions.builder().timeout(Duration.ofMillis(50)).build(), new BaseSubscriber<>() {

            @Override
            protected void hookOnError(Throwable error) {
                failed.complete(error);
            }

            @Override
            protected void hookOnComplete() {
                failed.complete(null);
            }
        });
        assertThat(failed).as("no answer while the statement runs").isNotDone();
        releaseOnceTheCleanupClosedOrWaits();
        assertThat(failed.get(10, TimeUnit.SECONDS)).isInstanceOf(StatementTimeoutError.class);
        assertTheSessionOutlivedItsStatementAndNothingIsCommitted();
    }

    /**
     * Starts a unit (an insert, then a statement H2 holds in {@link HeldStatement}) on a thread of its own, as H2 runs
     * a statement on the subscribing thread; returns once the statement is held.
     */
    private void runHeld(ExecutionOptions options, CoreSubscriber<Result> subscriber) throws InterruptedException {
        this.engine.connect(conn -> conn.execute(text("create alias hold_statement for '" + HeldStatement.class.getName() + ".hold'"))
                .then(conn.commit())).blockLast();
        HeldStatement.reset();
        new Thread(() -> this.engine.begin(conn -> insert(conn, 1, "before")
                .then(conn.execute(text("call hold_statement('" + this.table + "')"), List.of(), options))).subscribe(subscriber), "unit").start();
        assertThat(HeldStatement.started.await(10, TimeUnit.SECONDS)).as("the statement runs").isTrue();
    }

    /**
     * Lets the held statement go once the unit's cleanup has closed the connection (the pool has it back) or waits for
     * the statement (parked on H2's session lock), so the statement goes on after either.
     */
    private void releaseOnceTheCleanupClosedOrWaits() {
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO)
                .until(() -> this.engine.poolStatus().acquired() == 0 || HeldStatement.waitedOn());
        HeldStatement.release.countDown();
    }

    private void assertTheSessionOutlivedItsStatementAndNothingIsCommitted() {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> this.engine.poolStatus().acquired() == 0);
        assertThat(HeldStatement.closedUnderIt).as("the session was closed while its statement ran").isFalse();
        StepVerifier.create(count(this.engine)).as("nothing of the unit is committed").expectNext(0L).verifyComplete();
    }

    /** An H2 function (an alias of this method) that holds the statement calling it until the test lets it go. */
    public static final class HeldStatement {

        static volatile CountDownLatch started = new CountDownLatch(1);

        static volatile CountDownLatch release = new CountDownLatch(1);

        static volatile boolean closedUnderIt;

        static volatile @Nullable Thread holder;

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
                    && Arrays.stream(thread.getValue()).anyMatch(frame -> frame.getClassName().equals("org.h2.engine.Session")
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
        public static int hold(Connection session, String table) throws Exception {
            holder = Thread.currentThread();
            started.countDown();
            release.await(10, TimeUnit.SECONDS);
            closedUnderIt = session.isClosed();
            try (Statement insert = session.createStatement()) {
                return insert.executeUpdate("insert into " + table + " (id, name) values (2, 'held')");
            }
        }
    }
}
