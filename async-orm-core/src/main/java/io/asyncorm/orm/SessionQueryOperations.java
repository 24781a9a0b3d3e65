package io.asyncorm.orm;

import io.asyncorm.engine.ExecutionOptions;
import io.asyncorm.result.AsyncResult;
import io.asyncorm.result.AsyncScalarResult;
import io.asyncorm.result.Result;
import io.asyncorm.result.ScalarResult;
import io.asyncorm.sql.Executable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * Running statements through a session: buffered results ({@code execute}, {@code scalars}, {@code list},
 * {@code scalar}) and streamed ones ({@code stream}, {@code streamScalars}), each after an autoflush. One of
 * the verb groups that {@link AsyncSession} and {@link AsyncScopedSession} share (the scoped session runs
 * each on its scope's session).
 */
public interface SessionQueryOperations {

    /**
     * Runs a statement, after an autoflush. An {@link EntitySelect} gives rows of one entity each, uniqued
     * by the identity map, with its loader options applied; other statements give Core rows. The result is
     * buffered and stays usable after the session closes.
     *
     * @param statement the statement
     * @return the result
     */
    default Mono<Result> execute(Executable statement) {
        return execute(statement, Map.of());
    }

    /**
     * Runs a statement with parameters.
     *
     * @param statement the statement
     * @param parameters bind parameters by name
     * @return the result
     */
    default Mono<Result> execute(Executable statement, Map<String, ?> parameters) {
        return execute(statement, parameters, ExecutionOptions.none());
    }

    /**
     * Runs a statement with parameters and execution options for this call (SQLAlchemy's
     * {@code session.execute(stmt, params, execution_options=...)}): they reach the connection the statement runs on,
     * over an entity query's own {@link EntitySelect#executionOptions options}, and the ORM execute listeners see them
     * ({@link SessionEvents#doOrmExecute}).
     *
     * @param statement the statement
     * @param parameters bind parameters by name
     * @param options the call's execution options
     * @return the result
     */
    Mono<Result> execute(Executable statement, Map<String, ?> parameters, ExecutionOptions options);

    /**
     * Runs a Core statement once per parameter set (executemany), after an autoflush.
     *
     * @param statement an INSERT, UPDATE or DELETE
     * @param parameterSets one map per execution
     * @return the combined result
     */
    Mono<Result> execute(Executable statement, List<? extends Map<String, ?>> parameterSets);

    /**
     * Runs a statement and gives its first column: entities for an {@link EntitySelect}.
     *
     * @param statement the statement
     * @param <T> the element type
     * @return the buffered values
     */
    <T> Mono<ScalarResult<T>> scalars(Executable statement);

    /**
     * The typed form of {@link #scalars(Executable)} for an entity query.
     *
     * @param statement the query
     * @param <T> the entity type
     * @return the buffered entities
     */
    default <T> Mono<List<T>> list(EntitySelect<T> statement) {
        return this.<T>scalars(statement).map(ScalarResult::all);
    }

    /**
     * The first column of the first row.
     *
     * @param statement the statement
     * @param <T> the value type
     * @return empty Optional for SQL NULL, an empty Mono for no row
     */
    <T> Mono<Optional<T>> scalar(Executable statement);

    /**
     * Runs a statement with a server-side cursor and gives rows on demand. The connection stays busy until
     * the result is consumed or closed, so the session must not run anything else meanwhile. An entity query
     * with eager relationships (SELECTIN) streams in batches of its yield-per (else the fetch size), each
     * batch's relationships loaded before its objects are emitted: on PostgreSQL over a SQL cursor
     * ({@code DECLARE} / {@code FETCH}); on other databases, and with JOINED loads, the rows are read first, as
     * SQLAlchemy does without {@code yield_per}.
     *
     * @param statement the statement
     * @return the streaming result; close it, or read it to the end
     */
    Mono<AsyncResult> stream(Executable statement);

    /**
     * {@link #stream(Executable)}, first column.
     *
     * @param statement the statement
     * @param <T> the element type
     * @return the streaming values
     */
    <T> Mono<AsyncScalarResult<T>> streamScalars(Executable statement);
}
