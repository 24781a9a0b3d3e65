package io.asyncorm.exception;

import org.jspecify.annotations.Nullable;

/**
 * The statement is wrong for this database: a syntax error, an unknown table or column, missing privileges.
 */
public class ProgrammingError extends DatabaseError {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the full message, including the SQL
     * @param sql the statement that failed
     * @param sqlState the SQLSTATE code, if any
     * @param cause the driver exception
     */
    public ProgrammingError(String message, @Nullable String sql, @Nullable String sqlState, @Nullable Throwable cause) {
        super(message, sql, sqlState, cause);
    }
}
