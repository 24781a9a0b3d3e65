package io.asyncorm.engine;

import io.asyncorm.dialect.Dialect;
import io.asyncorm.result.AsyncResult;
import io.asyncorm.result.AsyncScalarResult;
import io.asyncorm.result.Result;
import io.asyncorm.result.ScalarResult;
import io.asyncorm.sql.Column;
import io.asyncorm.sql.Executable;
import io.asyncorm.sql.StatementExecutor;
import io.asyncorm.sql.Table;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.IsolationLevel;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One checked-out connection (SQLAlchemy's {@code AsyncConnection}). It autobegins: the first
 * statement begins a transaction, which lasts until {@link #commit()} or {@link #rollback()};
 * {@link #close()} rolls back what was not committed and returns the connection to the pool.
 *
 * <p>{@code execute} buffers the whole result in memory ({@link Result}, usable after the connection
 * is closed); {@code stream} reads rows from an open cursor as they are consumed ({@link AsyncResult}).
 * Every method is lazy: nothing is sent until the returned publisher is subscribed.
 *
 * <p>A connection is not safe for concurrent use: run its operations one after another (with
 * {@code then}, {@code concatMap}), never in parallel ({@code flatMap}, {@code zip}).
 *
 * <pre>{@code
 * engine.connect(conn -> conn.execute(text("insert into t1 (name) values (:name)"),
 *                 List.of(Map.of("name", "a"), Map.of("name", "b")))   // executemany
 *         .then(conn.commit()))
 *     .then();
 * }</pre>
 */
public interface AsyncConnection extends StatementExecutor {

    /**
     * Executes a statement and buffers its result.
     *
     * @param statement the statement
     * @return the result, with every row in memory
     */
    @Override
    default Mono<Result> execute(Executable statement) {
        return execute(statement, List.of(), ExecutionOptions.none());
    }

    /**
     * Executes a statement with one set of parameters and buffers its result.
     *
     * @param statement the statement
     * @param parameters values by parameter name; a null value or {@code Sql.nullOf(type)} is SQL NULL
     * @return the result, with every row in memory
     */
    @Override
    default Mono<Result> execute(Executable statement, Map<String, ?> parameters) {
        return execute(statement, List.of(parameters), ExecutionOptions.none());
    }

    /**
     * Executes a statement once per parameter set in one batch (executemany) and buffers the result;
     * {@link Result#rowCount()} is the total.
     *
     * @param statement the statement
     * @param parameterSets one map per execution
     * @return the combined result
     */
    @Override
    default Mono<Result> execute(Executable statement, List<? extends Map<String, ?>> parameterSets) {
        return execute(statement, parameterSets, ExecutionOptions.none());
    }

    /**
     * Executes a statement with options.
     *
     * @param statement the statement
     * @param parameterSets one map per execution; empty for a statement without parameters
     * @param options call options; {@code streamResults} or {@code yieldPer} fail with
     *     {@code AsyncMethodRequired} (use {@link #stream(Executable, Map, ExecutionOptions)})
     * @return the result, with every row in memory
     */
    Mono<Result> execute(Executable statement, List<? extends Map<String, ?>> parameterSets, ExecutionOptions options);

    /**
     * Runs SQL as the driver takes it (SQLAlchemy's {@code exec_driver_sql}): not compiled or cached, written with the
     * driver's own bind markers ({@code $1, $2} on PostgreSQL and H2, {@code ?} on MariaDB and H2), the values bound in
     * order. Buffered like {@link #execute(Executable)}, in this connection's transaction, with its events and echo.
     * The SQL is sent as written: never build it from input; bind the values.
     *
     * @param sql the SQL in the driver's syntax
     * @param parameters the values of its bind markers, in order; null for SQL NULL
     * @return the buffered result
     */
    default Mono<Result> execDriverSql(String sql, @Nullable Object... parameters) {
        return execute(DriverSql.of(sql, parameters.length), List.of(DriverSql.parameters(parameters)), ExecutionOptions.none());
    }

    /**
     * The first column of the first row.
     *
     * @param statement the statement
     * @param <T> the column's Java type
     * @return the value, {@code Optional.empty()} for SQL NULL; an empty {@code Mono} when there is no row
     */
    default <T> Mono<Optional<T>> scalar(Executable statement) {
        return scalar(statement, Map.of());
    }

    /**
     * The first column of the first row, with parameters.
     *
     * @param statement the statement
     * @param parameters values by name
     * @param <T> the column's Java type
     * @return the value, {@code Optional.empty()} for SQL NULL; an empty {@code Mono} when there is no row
     */
    <T> Mono<Optional<T>> scalar(Executable statement, Map<String, ?> parameters);

    /**
     * Executes a statement and returns a buffered view of its first column.
     *
     * @param statement the statement
     * @param <T> the column's Java type
     * @return the scalar result
     */
    default <T> Mono<ScalarResult<T>> scalars(Executable statement) {
        return scalars(statement, Map.of());
    }

    /**
     * Executes a statement with parameters and returns a buffered view of its first column.
     *
     * @param statement the statement
     * @param parameters values by name
     * @param <T> the column's Java type
     * @return the scalar result
     */
    <T> Mono<ScalarResult<T>> scalars(Executable statement, Map<String, ?> parameters);

    /**
     * Executes a statement over a cursor and returns the open result (the started form): the caller
     * must read it to the end or close it. No other statement can run on this connection meanwhile.
     *
     * @param statement the statement
     * @return the open result; statement errors are signalled here
     */
    default Mono<AsyncResult> stream(Executable statement) {
        return stream(statement, Map.of(), ExecutionOptions.none());
    }

    /**
     * As {@link #stream(Executable)}, with parameters.
     *
     * @param statement the statement
     * @param parameters values by name
     * @return the open result
     */
    default Mono<AsyncResult> stream(Executable statement, Map<String, ?> parameters) {
        return stream(statement, parameters, ExecutionOptions.none());
    }

    /**
     * As {@link #stream(Executable)}, with parameters and options ({@code yieldPer} sets the fetch size).
     *
     * @param statement the statement
     * @param parameters values by name
     * @param options call options
     * @return the open result
     */
    Mono<AsyncResult> stream(Executable statement, Map<String, ?> parameters, ExecutionOptions options);

    /**
     * Streams a statement's result through work and closes it afterwards, on complete, error and cancel.
     *
     * @param statement the statement
     * @param parameters values by name
     * @param work what to do with the result, for example {@code AsyncResult::rows}
     * @param <T> what the work emits
     * @return what the work emits
     */
    <T> Flux<T> stream(Executable statement, Map<String, ?> parameters, Function<? super AsyncResult, ? extends Publisher<T>> work);

    /**
     * Streams the first column of a statement's result; the caller must consume or close it.
     *
     * @param statement the statement
     * @param <T> the column's Java type
     * @return the open scalar result
     */
    default <T> Mono<AsyncScalarResult<T>> streamScalars(Executable statement) {
        return streamScalars(statement, Map.of());
    }

    /**
     * Streams the first column of a statement's result, with parameters.
     *
     * @param statement the statement
     * @param parameters values by name
     * @param <T> the column's Java type
     * @return the open scalar result
     */
    <T> Mono<AsyncScalarResult<T>> streamScalars(Executable statement, Map<String, ?> parameters);

    /**
     * Streams the first column through work and closes the result afterwards, on complete, error and cancel.
     *
     * @param statement the statement
     * @param parameters values by name
     * @param work what to do with the scalar result
     * @param <T> the column's Java type
     * @param <R> what the work emits
     * @return what the work emits
     */
    <T, R> Flux<R> streamScalars(Executable statement, Map<String, ?> parameters,
            Function<? super AsyncScalarResult<T>, ? extends Publisher<R>> work);

    /**
     * Loads rows with PostgreSQL's {@code COPY ... FROM STDIN}: the fastest bulk load when no generated
     * keys are needed. Rows are sent in COPY's text format as they arrive (back-pressured), inside this
     * connection's transaction. Only on PostgreSQL; elsewhere use {@code execute(insert(table), rows)}.
     *
     * @param table the target table
     * @param columns the columns each row gives values for, in order
     * @param rows one list of values per row (null for SQL NULL), in the order of {@code columns}
     * @return the number of rows copied
     */
    Mono<Long> copyIn(Table table, List<Column<?>> columns, Publisher<? extends List<?>> rows);

    /**
     * Begins a transaction explicitly (the started form): the caller commits or rolls it back.
     *
     * @return the transaction; {@code InvalidRequestError} when one is already begun (explicitly or by autobegin)
     */
    Mono<AsyncTransaction> begin();

    /**
     * Runs work in a transaction: commits when it completes, rolls back when it fails or is cancelled.
     *
     * @param work what to do in the transaction
     * @param <T> what the work emits
     * @return what the work emits; the work's error is propagated unchanged
     */
    <T> Flux<T> begin(Function<? super AsyncTransaction, ? extends Publisher<T>> work);

    /**
     * Begins a savepoint (beginning the root transaction first if needed); the caller commits
     * (RELEASE) or rolls it back (ROLLBACK TO).
     *
     * @return the nested transaction
     */
    Mono<AsyncTransaction> beginNested();

    /**
     * Runs work in a savepoint: released when the work completes, rolled back to when it fails or is
     * cancelled. The enclosing transaction stays active either way.
     *
     * @param work what to do in the savepoint
     * @param <T> what the work emits
     * @return what the work emits; the work's error is propagated unchanged
     */
    <T> Flux<T> beginNested(Function<? super AsyncTransaction, ? extends Publisher<T>> work);

    /**
     * Commits the current transaction; does nothing when there is none.
     *
     * @return completes when committed
     */
    Mono<Void> commit();

    /**
     * Rolls back the current transaction; does nothing when there is none. After an invalidation
     * inside a transaction this is what makes the connection usable again.
     *
     * @return completes when rolled back
     */
    Mono<Void> rollback();

    /**
     * Closes the connection: closes an open streamed result, rolls back what was not committed and
     * returns the connection to the pool. Idempotent.
     *
     * @return completes when the connection is back in the pool
     */
    Mono<Void> close();

    /**
     * Discards the physical connection: it is closed and never returned to the pool. Outside a
     * transaction the next statement transparently checks out a new one; inside one, statements fail
     * with {@code PendingRollbackError} until {@link #rollback()}.
     *
     * @return completes when the connection is discarded
     */
    Mono<Void> invalidate();

    /**
     * Runs a block of plain, sequential code against this connection and its transaction, on a thread where
     * blocking is allowed: SQLAlchemy's {@code run_sync}, for code written against a synchronous API. This
     * is the library's only blocking bridge ({@code SyncBridge}); the block's calls wait on its own thread,
     * never on the caller's. Cancelling the returned {@code Mono} interrupts the block and rolls back the
     * connection's transaction.
     *
     * <pre>{@code
     * Mono<Long> rows = conn.runSync(sync -> {
     *     sync.execute(insert(t1), Map.of("name", "x"));
     *     return sync.<Long>scalar(text("select count(*) from t1")).orElse(0L);
     * });
     * }</pre>
     *
     * @param block the code; its return value is the Mono's value (null completes it empty)
     * @param <T> the result type
     * @return the block's result
     */
    <T> Mono<T> runSync(java.util.function.Function<? super SyncConnection, ? extends T> block);

    /**
     * Adds execution options to this connection and returns this same connection. An isolation level is
     * set on the connection at once (SQLAlchemy's behaviour; {@link #getIsolationLevel()} then reports it) and
     * put back when the connection returns to the pool.
     *
     * @param options the options
     * @return this connection; {@code InvalidRequestError} when changing the isolation level inside a transaction
     */
    Mono<AsyncConnection> executionOptions(ExecutionOptions options);

    /**
     * The execution options in effect: the engine's, overlaid with this connection's.
     *
     * @return the options
     */
    ExecutionOptions getExecutionOptions();

    /**
     * Whether a transaction is in progress.
     *
     * @return true between begin (or autobegin) and commit or rollback
     */
    boolean inTransaction();

    /**
     * Whether a savepoint is in progress.
     *
     * @return true inside {@code beginNested}
     */
    boolean inNestedTransaction();

    /**
     * The current root transaction, begun explicitly or by autobegin; the same object on every call.
     *
     * @return the transaction, or empty when there is none
     */
    Optional<AsyncTransaction> getTransaction();

    /**
     * The innermost savepoint.
     *
     * @return the savepoint, or empty when there is none
     */
    Optional<AsyncTransaction> getNestedTransaction();

    /**
     * The isolation level the database reports for this connection.
     *
     * @return the level
     */
    Mono<IsolationLevel> getIsolationLevel();

    /**
     * The isolation level the database gives a new connection, whatever this connection was set to since
     * (SQLAlchemy's {@code default_isolation_level}); an engine's {@code isolation-level} does not change it.
     *
     * @return the level
     */
    Mono<IsolationLevel> getDefaultIsolationLevel();

    /**
     * The checked-out R2DBC connection, for driver features async-orm does not cover. Do not close it;
     * close this connection instead.
     *
     * @return the R2DBC connection
     */
    Mono<Connection> getRawConnection();

    /**
     * A map for the application's own data, kept with the physical connection across checkouts.
     *
     * @return the mutable, concurrent map
     */
    Map<String, Object> info();

    /**
     * Whether {@link #close()} was called.
     *
     * @return true once closed
     */
    boolean isClosed();

    /**
     * Whether the connection was invalidated and has not been replaced yet.
     *
     * @return true after {@link #invalidate()} or a lost connection, until the next statement reconnects
     */
    boolean isInvalidated();

    /**
     * The engine this connection came from.
     *
     * @return the engine
     */
    AsyncEngine engine();

    /**
     * The dialect of the database.
     *
     * @return the dialect
     */
    @Override
    Dialect dialect();
}
