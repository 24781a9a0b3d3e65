package io.asyncorm.orm;

import io.asyncorm.engine.AsyncConnection;
import io.asyncorm.engine.AsyncEngine;
import io.asyncorm.engine.ExecutionOptions;
import io.asyncorm.exception.InvalidRequestError;
import io.asyncorm.exception.PendingRollbackError;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A session's connections and transactions: one connection per engine the session uses (checked out on
 * first I/O against it, kept until commit, rollback or close), the root transaction (explicit or
 * autobegun), the savepoint stack, and the "rolled back by a failed flush" state that refuses work until
 * {@code rollback()}. With several engines, commit commits each connection in the order they were opened
 * (not atomically: there is no two-phase commit).
 */
final class SessionTransactions {

    /** Makes the handle of a root transaction or of a savepoint level. */
    @FunctionalInterface
    interface Handles {
        DefaultAsyncSessionTransaction create(boolean nested, Map<Object, @Nullable Object> mark);
    }

    private final Handles handles;

    private final Map<AsyncEngine, AsyncConnection> connections = new LinkedHashMap<>();

    /** Counts the times the session released its connections; a checkout begun before the last release is stale. */
    private long generation;

    private @Nullable DefaultAsyncSessionTransaction root;

    private final Deque<DefaultAsyncSessionTransaction> nested = new ArrayDeque<>();

    private @Nullable Throwable failure;

    /** The innermost transaction block ({@code begin(work)}, {@code beginNested(work)}) running on the session, if any. */
    private volatile @Nullable Block block;

    /** A transaction block: its transaction, and the block it runs in. */
    record Block(AsyncSessionTransaction transaction, @Nullable Block outer) {
    }

    SessionTransactions(Handles handles) {
        this.handles = handles;
    }

    /**
     * Fails while a failed flush's rollback has not been acknowledged with {@code rollback()}, and inside a transaction
     * block whose transaction the work has ended (as SQLAlchemy's context manager does: the statement would otherwise run
     * in a new transaction the block's caller never commits, or in the outer one).
     */
    Mono<Void> connectionCheck() {
        return Mono.defer(() -> closedInBlock() ? Mono.error(new InvalidRequestError(InvalidRequestError.CLOSED_TRANSACTION_IN_BLOCK))
                : this.failure == null ? Mono.empty()
                : Mono.error(new PendingRollbackError("This session's transaction has been rolled back due to a previous "
                        + "exception during flush. To begin a new transaction with this session, first call rollback(). "
                        + "Original exception was: " + this.failure, this.failure)));
    }

    /**
     * The connection to an engine, checked out (and the transaction autobegun) on first use; inside
     * savepoints, a new connection gets one SAVEPOINT per active level so their rollback covers it too.
     */
    Mono<AsyncConnection> connection(AsyncEngine engine, ExecutionOptions options) {
        return connectionCheck().then(Mono.defer(() -> {
            if (this.root == null) {
                this.root = this.handles.create(false, Map.of());
            }
            long generation;
            synchronized (this) {
                AsyncConnection open = this.connections.get(engine);
                if (open != null) {
                    return options.equals(ExecutionOptions.none()) ? Mono.just(open) : open.executionOptions(options);
                }
                generation = this.generation;
            }
            List<DefaultAsyncSessionTransaction> levels = new ArrayList<>();
            this.nested.descendingIterator().forEachRemaining(levels::add);
            return engine.connect().flatMap(conn -> register(engine, conn, generation))
                    .flatMap(conn -> options.equals(ExecutionOptions.none()) ? Mono.just(conn) : conn.executionOptions(options))
                    .flatMap(conn -> Flux.fromIterable(levels).concatMap(level -> conn.beginNested()
                            .doOnNext(savepoint -> level.savepoint(engine, savepoint))).then(Mono.just(conn)));
        }));
    }

    /**
     * Keeps a connection that arrived for the session, unless the session released its connections since
     * the checkout began (a cancelled operation's checkout finishing after close): then it goes back at once.
     */
    private Mono<AsyncConnection> register(AsyncEngine engine, AsyncConnection connection, long generation) {
        synchronized (this) {
            if (this.generation == generation) {
                this.connections.put(engine, connection);
                return Mono.just(connection);
            }
        }
        return connection.close().then(Mono.error(new InvalidRequestError("The session released its connections while this "
                + "operation was checking one out (it was cancelled, and the session closed)")));
    }

    /** Sets a savepoint level: one SAVEPOINT on each open connection (at least the default engine's). */
    Mono<DefaultAsyncSessionTransaction> beginNested(AsyncEngine defaultEngine, Map<Object, @Nullable Object> mark) {
        return connection(defaultEngine, ExecutionOptions.none()).then(Mono.defer(() -> {
            DefaultAsyncSessionTransaction level = this.handles.create(true, mark);
            List<Map.Entry<AsyncEngine, AsyncConnection>> open;
            synchronized (this) {
                open = new ArrayList<>(this.connections.entrySet());
            }
            return Flux.fromIterable(open)
                    .concatMap(entry -> entry.getValue().beginNested().doOnNext(savepoint -> level.savepoint(entry.getKey(), savepoint)))
                    .then(Mono.fromCallable(() -> {
                        this.nested.push(level);
                        return level;
                    }));
        }));
    }

    /** The open connections, in the order they were opened. */
    synchronized List<AsyncConnection> open() {
        return new ArrayList<>(this.connections.values());
    }

    /** Takes the open connections out of the session: connections that arrive afterwards for earlier checkouts are released. */
    private synchronized List<AsyncConnection> takeOpen() {
        List<AsyncConnection> open = new ArrayList<>(this.connections.values());
        this.connections.clear();
        this.generation++;
        return open;
    }

    Mono<DefaultAsyncSessionTransaction> begin() {
        return Mono.fromCallable(() -> {
            if (closedInBlock()) {
                throw new InvalidRequestError(InvalidRequestError.CLOSED_TRANSACTION_IN_BLOCK);
            }
            if (this.root != null) {
                throw new InvalidRequestError("A transaction is already begun on this session; commit or roll it back first, "
                        + "or use beginNested() for a savepoint");
            }
            this.root = this.handles.create(false, Map.of());
            return this.root;
        });
    }

    synchronized Block enterBlock(AsyncSessionTransaction transaction) {
        Block entered = new Block(transaction, this.block);
        this.block = entered;
        return entered;
    }

    synchronized void leaveBlock(Block left) {
        if (this.block == left) {
            this.block = left.outer();
        }
    }

    private boolean closedInBlock() {
        Block current = this.block;
        return current != null && !current.transaction().isActive();
    }

    void popNested(DefaultAsyncSessionTransaction transaction) {
        transaction.end();
        Iterator<DefaultAsyncSessionTransaction> levels = this.nested.iterator();
        while (levels.hasNext()) {
            DefaultAsyncSessionTransaction top = levels.next();
            levels.remove();
            top.end();
            if (top == transaction) {
                return;
            }
        }
    }

    Optional<AsyncSessionTransaction> root() {
        return Optional.ofNullable(this.root);
    }

    Optional<AsyncSessionTransaction> innermost() {
        return Optional.ofNullable(this.nested.peek());
    }

    boolean inTransaction() {
        return this.root != null;
    }

    boolean inNested() {
        return !this.nested.isEmpty();
    }

    void failed(Throwable cause) {
        this.failure = cause;
    }

    /** Commits each connection in the order they were opened, then releases them all. */
    Mono<Void> commit() {
        return Mono.defer(() -> {
            List<AsyncConnection> open = takeOpen();
            return finish(open, Flux.fromIterable(open).concatMap(AsyncConnection::commit).then(), false);
        });
    }

    /** Rolls back every connection, then releases them all. */
    Mono<Void> rollback() {
        return Mono.defer(() -> {
            List<AsyncConnection> open = takeOpen();
            return finish(open, Flux.fromIterable(open).concatMapDelayError(AsyncConnection::rollback).then(), false);
        });
    }

    /** Releases every connection, rolling back what is open; with invalidate, the connections are discarded. */
    Mono<Void> close(boolean invalidate) {
        return Mono.defer(() -> finish(takeOpen(), Mono.empty(), invalidate));
    }

    /**
     * Runs the work, then closes the connections taken out and resets, on success and on error (the work's error wins;
     * a release error is added to it as suppressed). Cancelled (a COMMIT in flight, say), the connections, already out of
     * the session, are closed all the same: a cancelled COMMIT leaves its connection unsettled, so closing it discards
     * it. The release runs as {@code usingWhen}'s cleanup, so a cancel that arrives while it runs cannot cut it short.
     */
    private Mono<Void> finish(List<AsyncConnection> open, Mono<Void> work, boolean invalidate) {
        Mono<Void> release = Flux.fromIterable(open)
                .concatMapDelayError(conn -> (invalidate ? conn.invalidate() : Mono.<Void>empty()).then(conn.close())).then();
        Mono<Void> finished = Mono.usingWhen(Mono.just(open), taken -> work, taken -> release,
                (taken, error) -> release.onErrorResume(e -> {
                    error.addSuppressed(e);
                    return Mono.empty();
                }),
                taken -> release);
        return andAlways(finished, this::reset);
    }

    private void reset() {
        if (this.root != null) {
            this.root.end();
        }
        this.root = null;
        this.nested.forEach(DefaultAsyncSessionTransaction::end);
        this.nested.clear();
        this.failure = null;
    }

    /** Runs an action after a publisher terminates either way, before its signal is passed on. */
    static Mono<Void> andAlways(Mono<Void> work, Runnable action) {
        return work.then(Mono.<Void>fromRunnable(action)).onErrorResume(error -> Mono.<Void>fromRunnable(action).then(Mono.error(error)));
    }
}
