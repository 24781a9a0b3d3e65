package io.asyncorm.exception;

import org.jspecify.annotations.Nullable;

/**
 * No connection could be checked out of the engine's pool within the pool timeout: every connection
 * is in use. Raise the pool size, shorten transactions, or look for connections that are never
 * released.
 */
public class PoolTimeoutError extends AsyncOrmException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the pool limits and the timeout
     * @param cause the pool's own timeout exception
     */
    public PoolTimeoutError(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
