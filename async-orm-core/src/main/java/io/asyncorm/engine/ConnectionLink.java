package io.asyncorm.engine;

import io.asyncorm.exception.InvalidRequestError;
import io.asyncorm.exception.OperationalError;
import io.asyncorm.exception.StatementTimeoutError;
import io.asyncorm.exception.PendingRollbackError;
import io.asyncorm.exception.ResourceClosedError;
import io.asyncorm.result.AsyncResult;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.IsolationLevel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * What an {@link AsyncConnection} holds of the driver: its checkout of a pooled connection, whether driver
 * I/O is in flight (unsettled), the streamed result open on it, and how it ends: given back to the pool,
 * or discarded (stopped on the server, closed, destroyed). Also where a driver error is translated and a
 * lost connection discarded. The connection's statements and transaction commands both go through it.
 */
final class ConnectionLink {

    private final EngineCore core;

    /** The connection as listeners see it, in their contexts. */
    private final AsyncConnection owner;

    private EngineCore.@Nullable Checkout checkout;

    /** Set while a statement or transaction command is with the driver; still set after a cancel. See {@link #unsettled}. */
    private final AtomicBoolean interrupted = new AtomicBoolean();

    /** Set while a statement or transaction command is with the driver and its caller still waits for it (not cancelled). */
    private final AtomicBoolean running = new AtomicBoolean();

    private @Nullable AsyncResult openStream;

    private volatile boolean closed;

    private volatile boolean invalidated;

    ConnectionLink(EngineCore core, AsyncConnection owner, EngineCore.Checkout checkout) {
        this.core = core;
        this.owner = owner;
        this.checkout = checkout;
    }

    /**
     * Fails on a closed connection, an open stream (where the dialect cannot run statements beside one) or a pending
     * rollback; reconnects after an invalidation.
     *
     * @param inTransaction whether the connection's records hold a transaction (then an invalidated connection
     *     must be rolled back before it reconnects)
     */
    Mono<Void> usable(boolean inTransaction) {
        return Mono.defer(() -> usableNow(inTransaction));
    }

    /** {@link #usable} decided now, for a step made when it is about to run ({@link Mono#empty()} when usable). */
    Mono<Void> usableNow(boolean inTransaction) {
        if (this.closed) {
            return Mono.error(closedError());
        }
        if (this.openStream != null && !this.openStream.isClosed() && !this.core.dialect.supportsStatementsWhileStreaming()) {
            return Mono.error(new InvalidRequestError("This connection has an open streamed result; read it to the "
                    + "end or close it before running another statement on the connection."));
        }
        if (this.running.get()) {
            // Overlapping use (two statements subscribed at once on one connection) is a caller's mistake: say so,
            // and leave the connection and the statement in flight alone.
            return Mono.error(new InvalidRequestError("This connection is still running a statement: an AsyncConnection "
                    + "is not safe for concurrent use. Run its statements one after another (then, concatMap), or give "
                    + "each concurrent branch its own connection"));
        }
        if (this.interrupted.get()) {
            return settleInterruption().then(usable(inTransaction));
        }
        if (this.checkout != null) {
            return Mono.empty();
        }
        if (inTransaction) {
            return Mono.error(new PendingRollbackError("Can't reconnect until invalid transaction is rolled back. "
                    + "Please rollback() fully before proceeding."));
        }
        return this.core.checkout(Function.identity()).doOnNext(fresh -> {
            this.checkout = fresh;
            this.invalidated = false;
        }).then();
    }

    /** The driver connection of the current checkout. */
    Connection raw() {
        EngineCore.Checkout current = this.checkout;
        if (current == null) {
            throw closedError();
        }
        return current.pooled();
    }

    /** Whether a physical connection is checked out (none after an invalidation, until the next statement reconnects). */
    boolean attached() {
        return this.checkout != null;
    }

    /** The info map of the physical connection. */
    Map<String, Object> info() {
        EngineCore.Checkout current = this.checkout;
        if (current == null) {
            throw closedError();
        }
        return current.state().info;
    }

    /**
     * Puts the connection at an isolation level for its transactions from now on (a session-level setting on the
     * server), unless it is there already. The first time, the server's own level is read, for {@link #release}.
     *
     * @param level the level
     * @return completes when the server has it
     */
    Mono<Void> isolation(IsolationLevel level) {
        return Mono.defer(() -> {
            EngineCore.Checkout current = this.checkout;
            if (current == null) {
                return Mono.empty();
            }
            PhysicalConnections.State state = current.state();
            Mono<Void> known = state.serverIsolation != null ? Mono.empty()
                    : unsettled(this.core.dialect.isolationLevel(current.pooled())).doOnNext(server -> state.serverIsolation = server)
                            .then().onErrorResume(error -> fail(error, null));
            return known.then(Mono.defer(() -> {
                IsolationLevel now = state.isolation != null ? state.isolation : state.serverIsolation;
                if (level.equals(now)) {
                    return Mono.empty();
                }
                this.core.echo.line("SET ISOLATION LEVEL " + level.asSql());
                return command(this.core.dialect.setIsolationLevel(current.pooled(), level), () -> state.isolation = level);
            }));
        });
    }

    /**
     * The level the server gives a new connection, before the engine changes it (read once per physical connection,
     * when the engine first sets a level or when asked here).
     */
    Mono<IsolationLevel> defaultIsolation() {
        return Mono.defer(() -> {
            EngineCore.Checkout current = this.checkout;
            if (current == null) {
                return Mono.error(closedError());
            }
            PhysicalConnections.State state = current.state();
            IsolationLevel server = state.serverIsolation;
            if (server != null) {
                return Mono.just(server);
            }
            // Never changed by the engine (it would have read the server's level first): the connection is still at it.
            return serverIsolation().doOnNext(level -> state.serverIsolation = level);
        });
    }

    /** The isolation level the server says the connection is at now. */
    Mono<IsolationLevel> serverIsolation() {
        return Mono.defer(() -> unsettled(this.core.dialect.isolationLevel(raw())).onErrorResume(error -> fail(error, null)));
    }

    /**
     * Runs driver I/O with the connection marked unsettled until the driver answers (success or error). Cancelled
     * meanwhile, the mark stays: the database may still be running the statement or COMMIT, so the connection is
     * discarded before its next use, rollback or close, never rolled back and handed out again (a late statement
     * could otherwise run after the ROLLBACK). Marking at subscription, not only on the cancel signal, also covers a
     * cancel whose cleanup (rollback, close) runs while the I/O is still being subscribed.
     *
     * I/O made before the connection was closed and subscribed after is refused: a cancel that lands while the engine
     * hands the connection to its work has Reactor's {@code usingWhen} subscribe the work and cancel it at once, so the
     * close gives the connection back while the work's first step (a BEGIN, a statement) is being subscribed; sent, it
     * ran on a pooled connection (a BEGIN left it inside a transaction). The mark is set before the closed flag is read,
     * and the close sets that flag before it reads the mark: whichever comes second sees the other, so either the I/O is
     * refused or the close discards the connection.
     */
    <T> Mono<T> unsettled(Mono<T> io) {
        return Unsettled.of(io, this::marked, this::settled, () -> this.running.set(false));
    }

    /** Marks driver I/O in flight; refuses it (the error) on a closed connection, leaving the mark for the close. */
    private @Nullable Throwable marked() {
        this.interrupted.set(true);
        this.running.set(true);
        if (!this.closed) {
            return null;
        }
        this.running.set(false);
        return closedError();
    }

    private void settled() {
        this.interrupted.set(false);
        this.running.set(false);
    }

    /**
     * Sends BEGIN, COMMIT, ROLLBACK or a savepoint command. Cancelled before it answered, the server may or may
     * not have run it (a BEGIN cancelled "before" may still be written): the connection is discarded, never
     * released with a transaction the engine does not know about.
     */
    Mono<Void> command(Publisher<Void> command) {
        return unsettled(Mono.from(command)).onErrorResume(error -> fail(error, null));
    }

    /**
     * A command whose answer changes the engine's books of the connection (a BEGIN, an isolation level): {@code answered}
     * updates them before the connection counts as settled. A close that runs in between (a cancel from another thread)
     * then finds the mark (and discards the connection) or the books (and rolls back, resets the level); with the books
     * updated after the settling, it could find neither and give the connection back inside a transaction, or at
     * another isolation level.
     */
    Mono<Void> command(Publisher<Void> command, Runnable answered) {
        return unsettled(Mono.from(command).doOnSuccess(done -> answered.run())).onErrorResume(error -> fail(error, null));
    }

    /** Discards the connection if driver I/O was cut short (see {@link #unsettled}). */
    Mono<Void> settleInterruption() {
        return Mono.defer(this::settleInterruptionNow);
    }

    /** {@link #settleInterruption} decided now: {@link Mono#empty()} when no driver I/O was cut short. */
    Mono<Void> settleInterruptionNow() {
        if (!this.interrupted.compareAndSet(true, false)) {
            return Mono.empty();
        }
        return this.invalidated ? Mono.empty() : discard(true);
    }

    /** Translates a failure; a lost connection is invalidated before the error is signalled. */
    <T> Mono<T> fail(Throwable error, @Nullable ExecuteContext context) {
        if (error instanceof ResourceClosedError) {
            // Refused before anything was sent (see unsettled): no database error for the handle-error listeners.
            return Mono.error(error);
        }
        Throwable translated = this.core.translator.translate(error,
                context == null ? null : context.sql(), context == null ? List.of() : context.parameters());
        ErrorContext errorContext = new ErrorContext(this.owner, context == null ? null : context.sql(),
                context == null ? List.of() : context.parameters(), translated);
        if (translated instanceof OperationalError operational && operational.isConnectionInvalidated() && !this.invalidated) {
            return discard(false).then(this.core.events.fireHandleError(errorContext));
        }
        return this.core.events.fireHandleError(errorContext);
    }

    /**
     * A {@link CancellationException} raised while a statement ran (by the driver or an {@code afterExecute} listener,
     * SQLAlchemy's exit exceptions) leaves the protocol state unknown: the connection is invalidated, as SQLAlchemy
     * does. Raised before the statement was sent (a {@code beforeExecute} listener) it is not.
     */
    <T> Mono<T> invalidateOnCancellation(CancellationException error) {
        return (this.invalidated ? Mono.<Void>empty() : discard(true)).then(Mono.error(error));
    }

    /**
     * A statement that outlived its {@code timeout} execution option was cancelled: its state on the server is unknown,
     * so the connection is discarded at once (the statement stopped on the server), as after a cancel in flight.
     */
    <T> Mono<T> timedOut(Duration limit, ExecuteContext context) {
        StatementTimeoutError error = new StatementTimeoutError("StatementTimeoutError: the statement did not complete within "
                + limit.toMillis() + " ms (execution option timeout); it was cancelled on the server and its connection discarded"
                + this.core.translator.context(context.sql(), context.parameters()), context.sql(), null, null);
        return (this.invalidated ? Mono.<Void>empty() : discard(true)).then(fail(error, context));
    }

    /** Records the streamed result now open on the connection. */
    void openStream(AsyncResult result) {
        this.openStream = result;
    }

    /** Closes a streamed result still open on this connection, before the connection moves on. */
    Mono<Void> closeStream() {
        return Mono.defer(this::closeStreamNow);
    }

    /** {@link #closeStream} made now: {@link Mono#empty()} when no stream is open. */
    Mono<Void> closeStreamNow() {
        AsyncResult stream = this.openStream;
        this.openStream = null;
        return stream == null ? Mono.empty() : stream.close();
    }

    /**
     * Invalidates the connection: closes the physical connection and makes sure the pool destroys it instead of
     * reusing it. A stream still open on it is forgotten, not closed: closing the connection ends the driver's cursor,
     * and a stream failing with the lost connection must report that error, not "closed".
     *
     * @param cancelRunning whether a statement may still be running on it (see {@link #destroy})
     */
    Mono<Void> discard(boolean cancelRunning) {
        return Mono.defer(() -> {
            this.invalidated = true;
            this.openStream = null;
            EngineCore.Checkout current = takeCheckout();
            return current == null ? Mono.empty() : destroy(current, cancelRunning);
        });
    }

    /** Marks the connection closed; false when it already was. */
    synchronized boolean markClosed() {
        if (this.closed) {
            return false;
        }
        this.closed = true;
        return true;
    }

    boolean isClosed() {
        return this.closed;
    }

    boolean isInvalidated() {
        return this.invalidated;
    }

    /**
     * Gives the connection back on close, first rolling back what was not committed and putting back the isolation
     * level the pool hands connections out at (the engine's, else the server's), if it was changed. The ROLLBACK may
     * wait behind a stream the driver is still draining after a cancel (a query blocked on a lock, a slow first row):
     * past the cleanup time limit, or when a step fails, the connection is destroyed instead of pooled.
     *
     * Decided now: its caller, the close, makes it at subscription.
     *
     * @param rollback whether a transaction's BEGIN was sent and not ended
     */
    Mono<Void> releaseNow(boolean rollback) {
        EngineCore.Checkout current = takeCheckout();
        if (current == null) {
            return Mono.empty();
        }
        Mono<Void> cleanup = rollback ? Mono.fromRunnable(() -> this.core.echo.line("ROLLBACK"))
                .then(Mono.from(current.pooled().rollbackTransaction())) : Mono.empty();
        IsolationLevel reset = isolationToReset(current);
        if (reset != null) {
            PhysicalConnections.State state = current.state();
            cleanup = cleanup.then(Mono.fromRunnable(() -> this.core.echo.line("SET ISOLATION LEVEL " + reset.asSql())))
                    .then(this.core.dialect.setIsolationLevel(current.pooled(), reset))
                    .then(Mono.fromRunnable(() -> state.isolation = reset.equals(state.serverIsolation) ? null : reset));
        }
        if (!rollback && reset == null) {
            return giveBack(current);
        }
        return this.core.withinCleanupLimit(cleanup, rollback ? "ROLLBACK on close" : "Resetting the isolation level on close")
                .thenReturn(true)
                .onErrorResume(error -> {
                    EngineCore.logCleanupFailure("Cleaning up a connection on close (it is discarded)", error);
                    return Mono.just(false);
                })
                .flatMap(clean -> clean ? giveBack(current) : destroy(current, true));
    }

    /** The level a connection goes back to the pool at, when the engine set it to another one; else null. */
    private @Nullable IsolationLevel isolationToReset(EngineCore.Checkout current) {
        PhysicalConnections.State state = current.state();
        IsolationLevel set = state.isolation;
        IsolationLevel pooled = this.core.options.executionOptions().isolationLevel();
        if (set == null || set.equals(pooled)) {
            return null;
        }
        return pooled != null ? pooled : state.serverIsolation;
    }

    /**
     * A rollback that has not answered within the cleanup time limit (it waits behind a statement the driver is still
     * draining, or on a server that does not answer) is given up: the connection is discarded, which ends its
     * transaction on the server all the same.
     */
    Mono<Void> limited(Mono<Void> rollback, String command) {
        return rollback.timeout(this.core.cleanupLimit(), Mono.defer(() -> {
            EngineCore.logCleanupFailure(command, new TimeoutException(command + " did not answer within "
                    + this.core.options.cleanupTimeout().toMillis() + " ms (cleanupTimeout); the connection is discarded"));
            return discard(true);
        }));
    }

    private Mono<Void> giveBack(EngineCore.Checkout current) {
        return current.source().release(current.pooled()).onErrorMap(error -> this.core.translator.translate(error, null, List.of()));
    }

    /**
     * Closes the physical connection and gives it back so that the pool destroys it. When something may still run on
     * it (a statement or cleanup cancelled in flight), the database is first asked to cancel it, so its server process
     * stops now rather than when it next writes to the closed socket, and where closing would race it (H2), the close
     * waits for it to end (see {@link io.asyncorm.dialect.Dialect#awaitRunning}).
     */
    private Mono<Void> destroy(EngineCore.Checkout current, boolean cancelRunning) {
        current.state().invalidated = true;
        Mono<Void> cancel = cancelRunning
                ? this.core.dialect.cancelRunning(current.physical(), this.core.factory).timeout(this.core.cleanupLimit())
                        .onErrorResume(error -> Mono.empty()).then(this.core.dialect.awaitRunning(current.physical()))
                : Mono.empty();
        return cancel.onErrorResume(error -> Mono.empty())
                .then(Mono.from(current.physical().close()).timeout(this.core.cleanupLimit()))
                .onErrorResume(error -> Mono.empty())
                .then(current.source().release(current.pooled()))
                .onErrorResume(error -> {
                    EngineCore.logCleanupFailure("Releasing a discarded connection", error);
                    return Mono.empty();
                });
    }

    /** Takes the checkout out of this connection, once: release and discard may race after a cancel. */
    private synchronized EngineCore.@Nullable Checkout takeCheckout() {
        EngineCore.Checkout current = this.checkout;
        this.checkout = null;
        return current;
    }

    static ResourceClosedError closedError() {
        return new ResourceClosedError("This Connection is closed");
    }
}
