package io.asyncorm.exception;

import org.jspecify.annotations.Nullable;

/**
 * The database does not support what the statement asks for (SQLSTATE class 0A, feature not supported). The connection
 * stays usable. PEP 249's and SQLAlchemy's {@code NotSupportedError}.
 */
public class NotSupportedError extends DatabaseError {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the full message, including the SQL
     * @param sql the statement that failed
     * @param sqlState the SQLSTATE code, if any
     * @param cause the driver exception
     */
    public NotSupportedError(String message, @Nullable String sql, @Nullable String sqlState, @Nullable Throwable cause) {
        super(message, sql, sqlState, cause);
    }
}
