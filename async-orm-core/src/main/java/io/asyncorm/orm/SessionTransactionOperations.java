package io.asyncorm.orm;

import io.asyncorm.engine.AsyncConnection;
import io.asyncorm.engine.ExecutionOptions;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A session's transactions and the work scoped by them: commit, rollback, close, begin (explicit, as a
 * scope, or as a SAVEPOINT), the session's connection, and blocks run with autoflush off or through the
 * synchronous face ({@code runSync}). One of the verb groups that {@link AsyncSession} and
 * {@link AsyncScopedSession} share.
 */
public interface SessionTransactionOperations {

    /**
     * Flushes, then commits and releases the connection. With {@code expireOnCommit} (the default),
     * every object is expired: see the README for what that means for a Java object.
     *
     * @return completes when committed
     */
    Mono<Void> commit();

    /**
     * Rolls back and releases the connection. Objects added in the transaction become transient again
     * (generated keys cleared), deleted ones are restored, and every persistent object is expired.
     *
     * @return completes when rolled back
     */
    Mono<Void> rollback();

    /**
     * Rolls back any transaction, releases the connection and expunges every object. The session can be
     * used again afterwards.
     *
     * @return completes when closed
     */
    Mono<Void> close();

    /**
     * SQLAlchemy's {@code reset()}: rolls back, releases the connection and expunges every object, leaving the session
     * as if new. The same as {@link #close()} here, since a closed session can always be used again (SQLAlchemy's
     * default, {@code close_resets_only=True}).
     *
     * @return completes when reset
     */
    default Mono<Void> reset() {
        return close();
    }

    /**
     * Like {@link #close()}, but the connection is discarded (invalidated) instead of returned to the pool.
     *
     * @return completes when closed
     */
    Mono<Void> invalidate();

    /**
     * Begins a transaction explicitly (the session would also autobegin). No I/O until the first statement.
     *
     * @return the transaction; {@link io.asyncorm.exception.InvalidRequestError} when one is already begun
     */
    Mono<AsyncSessionTransaction> begin();

    /**
     * Runs work in a transaction: commits when the work completes, rolls back on error or cancel.
     *
     * @param work the work, given this session
     * @param <T> the element type
     * @return the work's elements
     */
    <T> Flux<T> begin(Function<? super AsyncSession, ? extends Publisher<T>> work);

    /**
     * Flushes, then sets a SAVEPOINT.
     *
     * @return the nested transaction; its rollback undoes only the work since the savepoint
     */
    Mono<AsyncSessionTransaction> beginNested();

    /**
     * Runs work inside a SAVEPOINT: released when the work completes, rolled back on error or cancel
     * (the error still propagates), leaving the outer transaction's work in place.
     *
     * @param work the work
     * @param <T> the element type
     * @return the work's elements
     */
    <T> Flux<T> beginNested(Function<? super AsyncSession, ? extends Publisher<T>> work);

    /**
     * The session's connection, beginning the transaction if needed; the same connection until commit,
     * rollback or close. Do not close it.
     *
     * @return the connection
     */
    Mono<AsyncConnection> connection();

    /**
     * The session's connection with execution options (SQLAlchemy's {@code connection(execution_options=...)}):
     * applied when the connection is checked out, so an isolation level or read-only mode governs the
     * transaction the session begins on it.
     *
     * @param options the options for the session's connection
     * @return the connection; {@link io.asyncorm.exception.InvalidRequestError} when the transaction has already
     *     begun and the options change its isolation level or read-only mode
     */
    Mono<AsyncConnection> connection(ExecutionOptions options);

    /**
     * Runs work with autoflush off, restoring the setting afterwards on every path.
     *
     * @param work the work
     * @param <T> the element type
     * @return the work's elements
     */
    <T> Flux<T> noAutoflush(Function<? super AsyncSession, ? extends Publisher<T>> work);

    /**
     * Runs a block of plain, sequential code against a synchronous face of this session (same identity map,
     * same transaction) on a thread where blocking is allowed: SQLAlchemy's {@code run_sync}. Inside the
     * block, and only there, unloaded relationships load when read (collections and lazy references). This
     * is the library's only blocking bridge; it is safe because the block runs on its own thread (a virtual
     * thread, or a bounded elastic one), never on the caller's or an event loop's, and the session is
     * reserved for the block while it runs.
     *
     * <p>Cancelling the returned {@code Mono} interrupts the block (its current call is cancelled and fails,
     * later calls are refused), waits for its thread to leave the block, and rolls back the transaction.
     *
     * <pre>{@code
     * Mono<Void> work = session.runSync(sync -> {
     *     for (A a : sync.list(select(A.class))) {
     *         System.out.println(a + " " + a.getBs());    // lazy load, allowed here
     *     }
     *     sync.getOne(A.class, 1).setData("new data");
     *     return null;
     * }).then(session.commit());
     * }</pre>
     *
     * @param block the code; its return value is the Mono's value (null completes it empty)
     * @param <T> the result type
     * @return the block's result
     */
    <T> Mono<T> runSync(Function<? super SyncSession, ? extends T> block);
}
