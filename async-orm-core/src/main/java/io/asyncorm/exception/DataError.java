package io.asyncorm.exception;

import org.jspecify.annotations.Nullable;

/**
 * A value could not be stored or converted: out of range, too long, of the wrong type.
 */
public class DataError extends DatabaseError {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the full message, including the SQL
     * @param sql the statement that failed
     * @param sqlState the SQLSTATE code, if any
     * @param cause the driver exception
     */
    public DataError(String message, @Nullable String sql, @Nullable String sqlState, @Nullable Throwable cause) {
        super(message, sql, sqlState, cause);
    }
}
