package io.asyncorm.exception;

import org.jspecify.annotations.Nullable;

/**
 * The database (or the driver talking to it) rejected a statement. The message carries the driver's
 * message, the SQL and the parameters (unless hidden); {@link #getCause()} is the driver exception.
 *
 * <p>Subclasses name the category: {@link IntegrityError}, {@link ProgrammingError},
 * {@link OperationalError}, {@link DataError}, {@link StatementTimeoutError}.
 */
public class DatabaseError extends AsyncOrmException {

    private static final long serialVersionUID = 1L;

    private final @Nullable String sql;

    private final @Nullable String sqlState;

    /**
     * Creates the exception.
     *
     * @param message the full message, including the SQL
     * @param sql the statement that failed, or null when the failure is not tied to one
     * @param sqlState the SQLSTATE code reported by the driver, if any
     * @param cause the driver exception
     */
    public DatabaseError(String message, @Nullable String sql, @Nullable String sqlState, @Nullable Throwable cause) {
        super(message, cause);
        this.sql = sql;
        this.sqlState = sqlState;
    }

    /**
     * The statement that failed.
     *
     * @return the SQL, or null when the failure is not tied to a statement (a lost connection during commit)
     */
    public @Nullable String getSql() {
        return this.sql;
    }

    /**
     * The SQLSTATE code the driver reported.
     *
     * @return the code, or null when the driver gave none
     */
    public @Nullable String getSqlState() {
        return this.sqlState;
    }
}
