package io.asyncorm.sql;

import io.asyncorm.dialect.Dialect;

/**
 * A statement an {@code AsyncConnection} can execute. Implementations are immutable and may be
 * executed any number of times, concurrently, on any connection.
 */
public interface Executable {

    /**
     * Compiles the statement for a dialect. Implementations cache the result per dialect, so calling
     * this on every execution is cheap.
     *
     * @param dialect the dialect of the connection that will run it
     * @return the SQL text and the order of its named parameters
     */
    CompiledStatement compile(Dialect dialect);
}
