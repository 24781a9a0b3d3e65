package io.asyncorm.engine;

import reactor.core.publisher.Mono;

/**
 * A transaction on an {@link AsyncConnection}: the root transaction, or a savepoint
 * ({@link #isNested()}). Obtain it from {@code begin()}, {@code beginNested()} or
 * {@code getTransaction()}; the same object is returned while it lasts. Not safe for concurrent use.
 */
public interface AsyncTransaction {

    /**
     * Commits: COMMIT for the root transaction, RELEASE SAVEPOINT for a nested one. Savepoints inside
     * this transaction end with it.
     *
     * @return completes when committed; {@code InvalidRequestError} when the transaction is no longer active
     */
    Mono<Void> commit();

    /**
     * Rolls back: ROLLBACK for the root transaction, ROLLBACK TO SAVEPOINT for a nested one, whose
     * enclosing transaction stays active. Does nothing when the transaction is no longer active.
     *
     * @return completes when rolled back
     */
    Mono<Void> rollback();

    /**
     * Ends the transaction: rolls it back if it is still active (root or savepoint).
     *
     * @return completes when done
     */
    Mono<Void> close();

    /**
     * Whether the transaction can still be committed or rolled back.
     *
     * @return false once committed, rolled back or ended by its connection
     */
    boolean isActive();

    /**
     * Whether the transaction is active and its connection still usable (SQLAlchemy's {@code is_valid}): false once the
     * connection was invalidated (a lost connection, a statement cancelled in flight), which leaves only a rollback.
     *
     * @return whether work can still go on in it
     */
    default boolean isValid() {
        return isActive() && !connection().isInvalidated();
    }

    /**
     * Whether this is a savepoint inside another transaction.
     *
     * @return true for a savepoint
     */
    boolean isNested();

    /**
     * The connection the transaction runs on.
     *
     * @return the connection
     */
    AsyncConnection connection();
}
