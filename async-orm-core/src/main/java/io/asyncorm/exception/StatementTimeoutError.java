package io.asyncorm.exception;

import org.jspecify.annotations.Nullable;

/**
 * A statement ran longer than the database or driver allowed.
 */
public class StatementTimeoutError extends DatabaseError {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the full message, including the SQL
     * @param sql the statement that failed
     * @param sqlState the SQLSTATE code, if any
     * @param cause the driver exception
     */
    public StatementTimeoutError(String message, @Nullable String sql, @Nullable String sqlState, @Nullable Throwable cause) {
        super(message, sql, sqlState, cause);
    }
}
