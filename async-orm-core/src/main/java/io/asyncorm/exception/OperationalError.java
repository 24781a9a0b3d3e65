package io.asyncorm.exception;

import org.jspecify.annotations.Nullable;

/**
 * The database could not be reached or dropped the connection, or a transaction was aborted by the
 * server (serialization failure, deadlock). When {@link #isConnectionInvalidated()} is true the
 * connection was discarded and the work must be retried on a new one.
 */
public class OperationalError extends DatabaseError {

    private static final long serialVersionUID = 1L;

    private final boolean connectionInvalidated;

    /**
     * Creates the exception.
     *
     * @param message the full message, including the SQL
     * @param sql the statement that failed, if any
     * @param sqlState the SQLSTATE code, if any
     * @param cause the driver exception
     * @param connectionInvalidated whether the connection was lost and discarded
     */
    public OperationalError(String message, @Nullable String sql, @Nullable String sqlState, @Nullable Throwable cause,
            boolean connectionInvalidated) {
        super(message, sql, sqlState, cause);
        this.connectionInvalidated = connectionInvalidated;
    }

    /**
     * Whether the connection was lost: it has been invalidated and is never returned to the pool.
     *
     * @return true for a disconnect
     */
    public boolean isConnectionInvalidated() {
        return this.connectionInvalidated;
    }
}
