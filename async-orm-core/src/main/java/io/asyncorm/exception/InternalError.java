package io.asyncorm.exception;

import org.jspecify.annotations.Nullable;

/**
 * The database refused the statement because of the state it is in, not because of the SQL or a value: a write in a
 * read-only transaction (SQLSTATE 25006), a transaction already aborted (25P02), an error raised by a stored procedure
 * (PostgreSQL {@code RAISE}, P0001), an internal error (XX). The connection stays usable; an aborted transaction must be
 * rolled back. PEP 249's and SQLAlchemy's {@code InternalError}.
 */
public class InternalError extends DatabaseError {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the full message, including the SQL
     * @param sql the statement that failed
     * @param sqlState the SQLSTATE code, if any
     * @param cause the driver exception
     */
    public InternalError(String message, @Nullable String sql, @Nullable String sqlState, @Nullable Throwable cause) {
        super(message, sql, sqlState, cause);
    }
}
