package io.asyncorm.orm;

import io.asyncorm.engine.AsyncConnection;
import io.asyncorm.engine.AsyncEngine;
import io.asyncorm.exception.InvalidRequestError;
import io.asyncorm.exception.PendingRollbackError;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * A session's connection and transactions: the connection checked out on the first I/O and kept until
 * commit, rollback or close, the root transaction (explicit or autobegun), the savepoint stack, and
 * the "rolled back by a failed flush" state that refuses work until {@code rollback()}.
 */
final class SessionTransactions {

    private final AsyncEngine engine;

    private @Nullable AsyncConnection connection;

    private @Nullable DefaultAsyncSessionTransaction root;

    private final Deque<DefaultAsyncSessionTransaction> nested = new ArrayDeque<>();

    private @Nullable Throwable failure;

    SessionTransactions(AsyncEngine engine) {
        this.engine = engine;
    }

    /** Fails while a failed flush's rollback has not been acknowledged with {@code rollback()}. */
    Mono<Void> connectionCheck() {
        return Mono.defer(() -> this.failure == null ? Mono.empty()
                : Mono.error(new PendingRollbackError("This session's transaction has been rolled back due to a previous "
                        + "exception during flush. To begin a new transaction with this session, first call rollback(). "
                        + "Original exception was: " + this.failure, this.failure)));
    }

    /** The connection, checked out (and the transaction autobegun) on first use. */
    Mono<AsyncConnection> connection(DefaultAsyncSession session) {
        return connectionCheck().then(Mono.defer(() -> {
            if (this.root == null) {
                this.root = new DefaultAsyncSessionTransaction(session, null, Map.of());
            }
            if (this.connection != null) {
                return Mono.just(this.connection);
            }
            return this.engine.connect().doOnNext(c -> this.connection = c);
        }));
    }

    @Nullable AsyncConnection current() {
        return this.connection;
    }

    Mono<DefaultAsyncSessionTransaction> begin(DefaultAsyncSession session) {
        return Mono.fromCallable(() -> {
            if (this.root != null) {
                throw new InvalidRequestError("A transaction is already begun on this session; commit or roll it back first, "
                        + "or use beginNested() for a savepoint");
            }
            this.root = new DefaultAsyncSessionTransaction(session, null, Map.of());
            return this.root;
        });
    }

    void pushNested(DefaultAsyncSessionTransaction transaction) {
        this.nested.push(transaction);
    }

    void popNested(DefaultAsyncSessionTransaction transaction) {
        transaction.end();
        while (!this.nested.isEmpty()) {
            DefaultAsyncSessionTransaction top = this.nested.pop();
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

    /** Commits and releases the connection (nothing to do when no statement ran). */
    Mono<Void> commit() {
        return Mono.defer(this::doCommit);
    }

    private Mono<Void> doCommit() {
        AsyncConnection conn = this.connection;
        if (conn == null) {
            return Mono.fromRunnable(this::reset);
        }
        return conn.commit().then(release()).onErrorResume(error -> release().then(Mono.error(error)));
    }

    /** Rolls back and releases the connection. */
    Mono<Void> rollback() {
        return Mono.defer(this::doRollback);
    }

    private Mono<Void> doRollback() {
        AsyncConnection conn = this.connection;
        if (conn == null) {
            return Mono.fromRunnable(this::reset);
        }
        return conn.rollback().then(release()).onErrorResume(error -> release().then(Mono.error(error)));
    }

    /** Releases the connection, rolling back what is open; with invalidate, the connection is discarded. */
    Mono<Void> close(boolean invalidate) {
        return Mono.defer(() -> doClose(invalidate));
    }

    private Mono<Void> doClose(boolean invalidate) {
        AsyncConnection conn = this.connection;
        if (conn == null) {
            return Mono.fromRunnable(this::reset);
        }
        return DefaultAsyncSession.andAlways((invalidate ? conn.invalidate() : Mono.<Void>empty()).then(conn.close()), this::reset);
    }

    private Mono<Void> release() {
        return Mono.defer(() -> {
            AsyncConnection conn = this.connection;
            return DefaultAsyncSession.andAlways(conn == null ? Mono.<Void>empty() : conn.close(), this::reset);
        });
    }

    private void reset() {
        this.connection = null;
        if (this.root != null) {
            this.root.end();
        }
        this.root = null;
        this.nested.forEach(DefaultAsyncSessionTransaction::end);
        this.nested.clear();
        this.failure = null;
    }
}
