package io.asyncorm.engine;

import io.asyncorm.dialect.Dialect;
import io.asyncorm.exception.ArgumentError;
import io.asyncorm.exception.AsyncOrmException;
import io.asyncorm.exception.DataError;
import io.asyncorm.exception.DatabaseError;
import io.asyncorm.exception.IntegrityError;
import io.asyncorm.exception.OperationalError;
import io.asyncorm.exception.ProgrammingError;
import io.asyncorm.exception.StatementTimeoutError;
import io.r2dbc.spi.R2dbcBadGrammarException;
import io.r2dbc.spi.R2dbcDataIntegrityViolationException;
import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcPermissionDeniedException;
import io.r2dbc.spi.R2dbcRollbackException;
import io.r2dbc.spi.R2dbcTimeoutException;
import io.r2dbc.spi.R2dbcTransientResourceException;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Turns driver exceptions into the async-orm hierarchy by category (R2DBC exception type, then
 * SQLSTATE class), keeping the driver exception as the cause and naming the SQL and parameters.
 */
final class ExceptionTranslator {

    private final Dialect dialect;

    private final Echo echo;

    ExceptionTranslator(Dialect dialect, Echo echo) {
        this.dialect = dialect;
        this.echo = echo;
    }

    Throwable translate(Throwable error, @Nullable String sql, List<Map<String, ?>> parameters) {
        if (error instanceof AsyncOrmException) {
            return error;
        }
        String state = error instanceof R2dbcException r ? r.getSqlState() : null;
        String message = "(" + simpleName(error) + ") " + error.getMessage() + context(sql, parameters);
        if (error instanceof R2dbcDataIntegrityViolationException || startsWith(state, "23")) {
            String constraint = this.dialect.constraintName((R2dbcException) error);
            return new IntegrityError("IntegrityError" + (constraint != null ? " on constraint '" + constraint + "'" : "")
                    + ": " + message, sql, state, constraint, error);
        }
        // SQLSTATE class 22 first: drivers raise some data exceptions (a value too long, NUL in text) as
        // R2dbcBadGrammarException, but the value is at fault, not the statement.
        if (startsWith(state, "22")) {
            return new DataError("DataError: " + message, sql, state, error);
        }
        if (error instanceof R2dbcBadGrammarException || error instanceof R2dbcPermissionDeniedException
                || startsWith(state, "42")) {
            return new ProgrammingError("ProgrammingError: " + message, sql, state, error);
        }
        if (error instanceof R2dbcTimeoutException || "57014".equals(state)) {
            return new StatementTimeoutError("StatementTimeoutError: " + message, sql, state, error);
        }
        if (isDisconnect(error)) {
            return new OperationalError("OperationalError (connection lost; the connection is invalidated): " + message,
                    sql, state, error, true);
        }
        if (error instanceof R2dbcTransientResourceException || error instanceof R2dbcRollbackException
                || startsWith(state, "40") || startsWith(state, "53") || startsWith(state, "57")) {
            return new OperationalError("OperationalError: " + message, sql, state, error, false);
        }
        if (error instanceof IllegalArgumentException) {
            return new ArgumentError("The driver rejected a parameter: " + error.getMessage() + context(sql, parameters),
                    error);
        }
        return new DatabaseError("DatabaseError: " + message, sql, state, error);
    }

    /** Whether the connection is gone: it must be invalidated, never returned to the pool. */
    static boolean isDisconnect(Throwable error) {
        String state = error instanceof R2dbcException r ? r.getSqlState() : null;
        if (error instanceof R2dbcNonTransientResourceException || startsWith(state, "08")
                || "57P01".equals(state) || "57P02".equals(state) || "57P03".equals(state)) {
            return true;
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    private String context(@Nullable String sql, List<Map<String, ?>> parameters) {
        if (sql == null) {
            return "";
        }
        return "\n[SQL: " + sql + "]" + (parameters.isEmpty() ? "" : "\n" + this.echo.describe(parameters));
    }

    private static boolean startsWith(@Nullable String state, String prefix) {
        return state != null && state.startsWith(prefix);
    }

    private static String simpleName(Throwable error) {
        return error.getClass().getSimpleName();
    }
}
