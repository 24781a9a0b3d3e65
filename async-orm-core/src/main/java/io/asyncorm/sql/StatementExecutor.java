package io.asyncorm.sql;

import io.asyncorm.dialect.Dialect;
import io.asyncorm.result.Result;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * What schema operations and the inspector need from a connection: its dialect and buffered
 * execution. {@code AsyncConnection} is one; the interface keeps the SQL layer free of the engine.
 */
public interface StatementExecutor {

    /**
     * The dialect statements are compiled for.
     *
     * @return the dialect
     */
    Dialect dialect();

    /**
     * Executes a statement and buffers its result.
     *
     * @param statement the statement
     * @return the result
     */
    Mono<Result> execute(Executable statement);

    /**
     * Executes a statement with parameters and buffers its result.
     *
     * @param statement the statement
     * @param parameters values by parameter name
     * @return the result
     */
    Mono<Result> execute(Executable statement, Map<String, ?> parameters);

    /**
     * Executes a statement once per parameter set (executemany) and buffers the result.
     *
     * @param statement the statement
     * @param parameterSets one map per execution
     * @return the combined result
     */
    Mono<Result> execute(Executable statement, List<? extends Map<String, ?>> parameterSets);
}
