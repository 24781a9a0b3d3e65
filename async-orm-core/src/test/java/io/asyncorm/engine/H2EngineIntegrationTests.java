package io.asyncorm.engine;

import static io.asyncorm.sql.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.asyncorm.result.Result;
import io.asyncorm.testing.TestDatabases;
import java.time.Duration;
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
        this.engine.connect(conn -> conn.execute(text("create alias hold_statement for '" + HeldStatement.class.getName() + ".hold'"))
                .then(conn.commit())).blockLast();
        HeldStatement.reset();
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
                .until(() -> this.engine.poolStatus().acquired() == 0 || canceller.getState() == Thread.State.WAITING);
        HeldStatement.release.countDown();
        canceller.join(10_000);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> this.engine.poolStatus().acquired() == 0);
        assertThat(HeldStatement.closedUnderIt).as("the session was closed while its statement ran").isFalse();
        StepVerifier.create(count(this.engine)).as("nothing of the cancelled unit is committed").expectNext(0L).verifyComplete();
        StepVerifier.create(this.engine.begin(conn -> conn.execute(text("set lock_timeout 500"))
                        .then(conn.execute(text("drop table " + this.table)))))
                .as("no lock is left on the table").expectNextCount(1).verifyComplete();
    }

    /** An H2 function (an alias of this method) that holds the statement calling it until the test lets it go. */
    public static final class HeldStatement {

        static volatile CountDownLatch started = new CountDownLatch(1);

        static volatile CountDownLatch release = new CountDownLatch(1);

        static volatile boolean closedUnderIt;

        private HeldStatement() {
        }

        static void reset() {
            started = new CountDownLatch(1);
            release = new CountDownLatch(1);
            closedUnderIt = false;
        }

        /**
         * Called by H2 inside the statement.
         *
         * @return a value for the statement
         * @throws InterruptedException never in the test
         */
        public static int hold(java.sql.Connection session, String table) throws Exception {
            started.countDown();
            release.await(10, TimeUnit.SECONDS);
            closedUnderIt = session.isClosed();
            try (java.sql.Statement insert = session.createStatement()) {
                return insert.executeUpdate("insert into " + table + " (id, name) values (2, 'held')");
            }
        }
    }
}
