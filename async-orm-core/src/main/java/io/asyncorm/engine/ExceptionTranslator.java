package io.asyncorm.engine;

import io.asyncorm.dialect.Dialect;
import io.asyncorm.exception.ArgumentError;
import io.asyncorm.exception.AsyncOrmException;
import io.asyncorm.exception.DataError;
import io.asyncorm.exception.DatabaseError;
import io.asyncorm.exception.IntegrityError;
import io.asyncorm.exception.InternalError;
import io.asyncorm.exception.NotSupportedError;
import io.asyncorm.exception.OperationalError;
import io.asyncorm.exception.ProgrammingError;
import io.asyncorm.exception.StatementTimeoutError;
import io.r2dbc.spi.R2dbcBadGrammarException;
import io.r2dbc.spi.R2dbcDataIntegrityViolationException;
import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.R2dbcPermissionDeniedException;
import io.r2dbc.spi.R2dbcRollbackException;
import io.r2dbc.spi.R2dbcTimeoutException;
import io.r2dbc.spi.R2dbcTransientResourceException;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Turns driver exceptions into the async-orm hierarchy by what they are: a lost connection first (the only case that
 * discards a connection), then SQLSTATE class, then R2DBC exception type, keeping the driver exception as the cause and
 * naming the SQL and parameters.
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
        if (isDisconnect(error)) {
            return new OperationalError("OperationalError (connection lost; the connection is invalidated): " + message,
                    sql, state, error, true);
        }
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
        if (error instanceof R2dbcTimeoutException || "57014".equals(state)) {
            return new StatementTimeoutError("StatementTimeoutError: " + message, sql, state, error);
        }
        if (startsWith(state, "0A")) {
            return new NotSupportedError("NotSupportedError: " + message, sql, state, error);
        }
        if (startsWith(state, "25") || startsWith(state, "2D") || startsWith(state, "2F") || startsWith(state, "38")
                || startsWith(state, "39") || startsWith(state, "3B") || startsWith(state, "P0") || startsWith(state, "XX")) {
            return new InternalError("InternalError: " + message, sql, state, error);
        }
        if (error instanceof R2dbcBadGrammarException || error instanceof R2dbcPermissionDeniedException
                || startsWith(state, "42")) {
            return new ProgrammingError("ProgrammingError: " + message, sql, state, error);
        }
        if (error instanceof R2dbcTransientResourceException || error instanceof R2dbcRollbackException
                || startsWith(state, "40") || startsWith(state, "53") || startsWith(state, "55") || startsWith(state, "57")
                || startsWith(state, "58") || startsWith(state, "HYT")) {
            return new OperationalError("OperationalError: " + message, sql, state, error, false);
        }
        if (error instanceof IllegalArgumentException) {
            return new ArgumentError("The driver rejected a parameter: " + error.getMessage() + context(sql, parameters),
                    error);
        }
        return new DatabaseError("DatabaseError: " + message, sql, state, error);
    }

    /**
     * Whether the connection is gone, so it must be invalidated and never returned to the pool: an I/O error anywhere
     * in the causes; a driver error without SQLSTATE (the drivers' own "connection closed" errors) unless it is a
     * timeout; SQLSTATE class 08 (connection exception) or 57P01-57P03 (the server is shutting down or cannot accept
     * the connection); or a vendor code the dialect knows. Everything else, including r2dbc-postgresql's
     * {@code R2dbcNonTransientResourceException} for SQLSTATE classes it does not list (25006, 55P03, P0001, 0A000),
     * is an ordinary error and the connection is kept.
     */
    boolean isDisconnect(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
        }
        if (!(error instanceof R2dbcException r2dbc)) {
            return false;
        }
        String state = r2dbc.getSqlState();
        if (state == null || state.isBlank()) {
            return !(error instanceof R2dbcTimeoutException);
        }
        return state.startsWith("08") || "57P01".equals(state) || "57P02".equals(state) || "57P03".equals(state)
                || this.dialect.isDisconnect(r2dbc);
    }

    /** The SQL and parameters an error message ends with, as SQLAlchemy prints them. */
    String context(@Nullable String sql, List<Map<String, ?>> parameters) {
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
