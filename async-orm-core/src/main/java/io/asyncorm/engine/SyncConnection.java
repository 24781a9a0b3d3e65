package io.asyncorm.engine;

import io.asyncorm.result.Result;
import io.asyncorm.result.ScalarResult;
import io.asyncorm.sql.Executable;
import io.r2dbc.spi.Connection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;

/**
 * The synchronous face of an {@link AsyncConnection} inside {@link AsyncConnection#runSync}: the same
 * connection and transaction, with plain return values. Valid only while the block runs.
 */
public interface SyncConnection {

    /**
     * Runs a statement.
     *
     * @param statement the statement
     * @return the buffered result
     */
    Result execute(Executable statement);

    /**
     * Runs a statement with parameters.
     *
     * @param statement the statement
     * @param parameters the parameters
     * @return the buffered result
     */
    Result execute(Executable statement, Map<String, ?> parameters);

    /**
     * Runs a statement once per parameter set.
     *
     * @param statement the statement
     * @param parameterSets the parameter sets
     * @return the buffered result
     */
    Result execute(Executable statement, List<? extends Map<String, ?>> parameterSets);

    /**
     * The first column of the first row.
     *
     * @param statement the statement
     * @param <T> the column type
     * @return the value, empty for no row or NULL
     */
    <T> Optional<T> scalar(Executable statement);

    /**
     * The first column of every row.
     *
     * @param statement the statement
     * @param <T> the column type
     * @return the values
     */
    <T> ScalarResult<T> scalars(Executable statement);

    /** Commits the connection's transaction. */
    void commit();

    /** Rolls back the connection's transaction. */
    void rollback();

    /**
     * Whether a transaction is open.
     *
     * @return whether it is
     */
    boolean inTransaction();

    /**
     * The asynchronous connection behind this face.
     *
     * @return the connection
     */
    AsyncConnection async();

    /**
     * The driver's connection, inside this connection's transaction (a deferred BEGIN is sent first):
     * SQLAlchemy's {@code driver_connection}. Do not close it or end its transaction; the block's connection owns it.
     *
     * @return the R2DBC connection
     */
    Connection driverConnection();

    /**
     * Runs reactive work against the driver's connection and waits for it (SQLAlchemy's {@code run_async}): for a
     * driver feature async-orm does not wrap.
     *
     * @param work the work, given the driver's connection
     * @param <T> the value type
     * @return the first value, or null when the work completes empty
     */
    <T> @Nullable T runAsync(Function<? super Connection, ? extends Publisher<T>> work);
}
