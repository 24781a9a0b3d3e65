package io.asyncorm.reliability;

import static io.asyncorm.sql.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.asyncorm.engine.AsyncConnection;
import io.asyncorm.engine.AsyncEngine;
import io.asyncorm.engine.EngineOptions;
import io.asyncorm.engine.ExecutionOptions;
import io.asyncorm.exception.DatabaseError;
import io.asyncorm.exception.OperationalError;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * Errors are classified by what they are: an ordinary SQL error (read-only transaction, lock not available, a stored
 * procedure's own error, a feature not supported) is a {@link DatabaseError} subclass and the healthy connection goes
 * back to the pool (the next checkout gets the same server process); only a lost connection is an invalidating
 * {@link OperationalError}. Each database names its own statements for the cases.
 */
abstract class AbstractErrorClassificationTests {

    protected AsyncEngine engine;

    protected AsyncEngine admin;

    protected String table;

    /** The URL of the database under test. */
    protected abstract String url();

    /** The server's id for the connection's process ({@code pg_backend_pid()}, {@code connection_id()}). */
    protected abstract String backendIdQuery();

    /** A statement that holds a row lock on {@link #table} for the rest of its transaction (the same on every database). */
    protected String lockTable() {
        return "select * from " + this.table + " for update";
    }

    /** A statement that gives up at once when {@link #lockTable()} is held by another transaction. */
    protected String lockNoWait() {
        return "select * from " + this.table + " for update nowait";
    }

    /** Counts the statements other connections are running whose text contains the marker. */
    protected abstract String runningLike(String marker);

    /** A statement that ends the connection's own server process (or session). */
    protected abstract String killOwnConnection(long backendId);

    @BeforeEach
    void engines() {
        this.table = "errs_" + UUID.randomUUID().toString().substring(0, 8);
        this.engine = AsyncEngine.create(url(), EngineOptions.builder().poolSize(1).maxOverflow(0).poolTimeout(Duration.ofSeconds(5)).build());
        this.admin = AsyncEngine.create(url(), EngineOptions.builder().poolSize(2).build());
        this.admin.begin(conn -> conn.execute(text("create table " + this.table + " (id integer primary key, note varchar(20))"))
                .then(conn.execute(text("insert into " + this.table + " (id, note) values (1, 'one')")))).blockLast();
    }

    @AfterEach
    void dispose() {
        this.engine.dispose().block(Duration.ofSeconds(30));
        this.admin.begin(conn -> conn.execute(text("drop table " + this.table))).blockLast();
        this.admin.dispose().block(Duration.ofSeconds(30));
    }

    @Test
    void aWriteInAReadOnlyTransactionIsAnOrdinaryErrorAndKeepsTheConnection() {
        long before = backendId();
        DatabaseError error = failure(conn -> conn.executionOptions(ExecutionOptions.builder().readOnly(true).build())
                .flatMap(c -> c.execute(text("insert into " + this.table + " (id, note) values (2, 'two')"))));
        assertThat(error.getSqlState()).isEqualTo("25006");
        assertThat(error).isInstanceOf(io.asyncorm.exception.InternalError.class).isNotInstanceOf(OperationalError.class);
        assertKept(before);
    }

    @Test
    void aLockNotAvailableIsAnOrdinaryErrorAndKeepsTheConnection() {
        long before = backendId();
        DatabaseError error = whileLocked(conn -> conn.execute(text(lockNoWait())));
        assertOrdinary(error);
        assertKept(before);
    }

    @Test
    void aLostConnectionIsInvalidatedAndTheNextUnitGetsANewOne() {
        long before = backendId();
        Throwable error = this.engine.connect(conn -> conn.execute(text(killOwnConnection(before))).then(conn.execute(text("select 1"))))
                .then().onErrorResume(e -> Mono.just(e).then()).materialize().block().getThrowable();
        // The kill may be reported by the statement that killed, or by the next one on the dead connection.
        if (error != null) {
            assertThat(error).isInstanceOf(OperationalError.class);
            assertThat(((OperationalError) error).isConnectionInvalidated()).isTrue();
        }
        assertThat(backendId()).isNotEqualTo(before);
        assertThat(this.engine.poolStatus().acquired()).isZero();
    }

    /**
     * A statement cancelled while it waits on a lock is stopped on the server at once (PostgreSQL's cancel request,
     * MariaDB's {@code KILL QUERY}), not when the lock is released, and its connection is discarded.
     */
    @Test
    void aStatementCancelledWhileBlockedOnALockIsStoppedOnTheServer() {
        String marker = "blocked_" + this.table;
        this.admin.connect(holder -> holder.execute(text(lockTable()))
                .then(this.engine.connect(conn -> conn.execute(text("update " + this.table + " set note = 'x' where id = 1 /* " + marker + " */")))
                        .take(Duration.ofMillis(300)).then())
                .then(Mono.fromRunnable(() -> org.awaitility.Awaitility.await("the blocked statement stopped while the lock is held")
                        .atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                        .until(() -> countRunning(marker) == 0)))
                .then(holder.rollback())).blockLast(Duration.ofSeconds(30));
        assertThat(this.engine.poolStatus().acquired()).isZero();
        assertThat(failure(conn -> conn.execute(text("select * from " + this.table + " where id = 1 for update nowait"))
                .then(conn.execute(text("select no_such_column from " + this.table))))).isNotNull();
    }

    private long countRunning(String marker) {
        return this.admin.connect(conn -> conn.<Number>scalar(text(runningLike(marker)))).blockLast(Duration.ofSeconds(10))
                .orElseThrow().longValue();
    }

    /** Runs work on a fresh connection and returns the error it fails with, checking the connection was not invalidated. */
    protected DatabaseError failure(Function<AsyncConnection, Mono<?>> work) {
        return failing(work).block(Duration.ofSeconds(30));
    }

    /** {@link #failure} while another transaction holds an exclusive lock on the table. */
    protected DatabaseError whileLocked(Function<AsyncConnection, Mono<?>> work) {
        return this.admin.connect(holder -> holder.execute(text(lockTable())).then(failing(work))).single().block(Duration.ofSeconds(30));
    }

    private Mono<DatabaseError> failing(Function<AsyncConnection, Mono<?>> work) {
        Throwable[] failed = new Throwable[1];
        boolean[] invalidated = new boolean[1];
        return this.engine.connect(conn -> work.apply(conn).then().onErrorResume(error -> {
            failed[0] = error;
            invalidated[0] = conn.isInvalidated();
            return Mono.empty();
        })).then(Mono.fromCallable(() -> {
            assertThat(failed[0]).as("the statement's error").isInstanceOf(DatabaseError.class);
            assertThat(invalidated[0]).as("connection invalidated after " + failed[0].getMessage()).isFalse();
            return (DatabaseError) failed[0];
        }));
    }

    protected static void assertOrdinary(DatabaseError error) {
        assertThat(error).as(error.getMessage()).satisfiesAnyOf(
                e -> assertThat(e).isNotInstanceOf(OperationalError.class),
                e -> assertThat(((OperationalError) e).isConnectionInvalidated()).isFalse());
    }

    /** The pool's one connection is the same server process as before: it was returned, not discarded. */
    protected void assertKept(long before) {
        assertThat(backendId()).as("the server process behind the pooled connection").isEqualTo(before);
        assertThat(this.engine.poolStatus().acquired()).isZero();
    }

    protected long backendId() {
        Optional<Number> id = this.engine.connect(conn -> conn.<Number>scalar(text(backendIdQuery()))).single().block(Duration.ofSeconds(30));
        return id.orElseThrow().longValue();
    }
}
