package io.asyncorm.orm;

import reactor.core.publisher.Mono;

/**
 * A transaction of an {@link AsyncSession}: the root transaction, or a SAVEPOINT made by
 * {@link AsyncSession#beginNested()}. Committing the root flushes and commits; committing a nested one
 * flushes and releases its savepoint. Not safe for concurrent use.
 */
public interface AsyncSessionTransaction {

    /**
     * Commits (root) or releases the savepoint (nested).
     *
     * @return completes when done
     */
    Mono<Void> commit();

    /**
     * Rolls back the transaction, or to the savepoint.
     *
     * @return completes when done
     */
    Mono<Void> rollback();

    /**
     * Whether the transaction has begun and not ended.
     *
     * @return false once committed or rolled back
     */
    boolean isActive();

    /**
     * Whether this is a SAVEPOINT.
     *
     * @return whether nested
     */
    boolean isNested();

    /**
     * The session.
     *
     * @return the owning session
     */
    AsyncSession session();
}
