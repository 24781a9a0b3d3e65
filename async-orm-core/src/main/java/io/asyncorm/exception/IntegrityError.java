package io.asyncorm.exception;

import org.jspecify.annotations.Nullable;

/**
 * A constraint rejected the statement: unique, primary key, foreign key, not-null or check.
 * {@link #getConstraintName()} names the constraint when the database reports it.
 */
public class IntegrityError extends DatabaseError {

    private static final long serialVersionUID = 1L;

    private final @Nullable String constraintName;

    /**
     * Creates the exception.
     *
     * @param message the full message, including the SQL
     * @param sql the statement that failed
     * @param sqlState the SQLSTATE code, if any
     * @param constraintName the violated constraint (or, on H2, its index), if known
     * @param cause the driver exception
     */
    public IntegrityError(String message, @Nullable String sql, @Nullable String sqlState,
            @Nullable String constraintName, @Nullable Throwable cause) {
        super(message, sql, sqlState, cause);
        this.constraintName = constraintName;
    }

    /**
     * The violated constraint as the database names it.
     *
     * @return the name, or null when the database did not report one
     */
    public @Nullable String getConstraintName() {
        return this.constraintName;
    }
}
