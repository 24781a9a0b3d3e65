package io.asyncorm.engine;

/**
 * A snapshot of an engine's connections.
 *
 * @param pooled whether the engine pools connections
 * @param acquired connections checked out now
 * @param idle connections waiting in the pool
 * @param pending checkouts waiting for a connection
 * @param maxSize the most connections the pool opens ({@code poolSize + maxOverflow}); -1 when unbounded or unknown
 */
public record PoolStatus(boolean pooled, int acquired, int idle, int pending, int maxSize) {
}
