package io.asyncorm.orm.internal;

import io.asyncorm.engine.AsyncConnection;
import io.asyncorm.engine.ExecutionOptions;
import io.asyncorm.internal.RowMappedExecution;
import io.asyncorm.result.Result;
import io.asyncorm.result.Row;
import io.asyncorm.sql.Executable;
import io.asyncorm.sql.Select;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/** The session's connection for the statements about one entity class (the engine it is bound to). */
@FunctionalInterface
public interface Connections {

    /**
     * The connection, checked out and in the session's transaction.
     *
     * @param mapping the entity class the statement is about
     * @return the connection
     */
    Mono<AsyncConnection> of(EntityMapping<?> mapping);

    /**
     * Runs the query of a relationship load on {@link #of}'s connection; a session passes it through its ORM execute
     * listeners first.
     *
     * @param mapping the entity class whose engine runs the query
     * @param loaded the entity class the query loads
     * @param query the query
     * @param parameters the values of its named parameters
     * @param options its execution options
     * @return the buffered result
     */
    default Mono<Result> load(EntityMapping<?> mapping, Class<?> loaded, Select query, Map<String, ?> parameters,
            ExecutionOptions options) {
        return of(mapping).flatMap(connection -> connection.execute(query, parameters.isEmpty() ? List.of() : List.of(parameters), options));
    }

    /**
     * {@link #load}, with each row made into what the loader keeps as the driver reads it (see
     * {@link RowMappedExecution}); a session with ORM execute listeners maps the rows of the result they return.
     *
     * @param mapping the entity class whose engine runs the query
     * @param loaded the entity class the query loads
     * @param query the query
     * @param parameters the values of its named parameters
     * @param options its execution options
     * @param perRow what a row becomes (a null left out); the row is valid only during the call
     * @param <T> what a row becomes
     * @return what each row became, in order
     */
    default <T> Mono<List<T>> loadEach(EntityMapping<?> mapping, Class<?> loaded, Select query, Map<String, ?> parameters,
            ExecutionOptions options, Function<Row, @Nullable T> perRow) {
        return of(mapping).flatMap(connection -> mapped(connection, query, parameters, options, perRow));
    }

    /**
     * A query's rows made into what {@code perRow} returns as the driver reads them ({@link RowMappedExecution}), or, on a
     * connection that cannot, as a buffered result's rows.
     *
     * @param connection the connection
     * @param query the query
     * @param parameters the values of its named parameters
     * @param options its execution options
     * @param perRow what a row becomes (a null left out); the row is valid only during the call
     * @param <T> what a row becomes
     * @return what each row became, in order
     */
    @SuppressWarnings("unchecked")
    static <T> Mono<List<T>> mapped(AsyncConnection connection, Executable query, Map<String, ?> parameters, ExecutionOptions options,
            Function<Row, @Nullable T> perRow) {
        if (connection instanceof RowMappedExecution<?> mapped) {
            // The engine's connection, the only implementation, takes the engine's options.
            return ((RowMappedExecution<ExecutionOptions>) mapped).executeMapped(query, parameters, options, perRow);
        }
        return connection.execute(query, parameters.isEmpty() ? List.of() : List.of(parameters), options).map(result -> mapAll(result, perRow));
    }

    /**
     * The rows of a buffered result, each made into what {@code perRow} returns.
     *
     * @param result a buffered result
     * @param perRow what a row becomes (a null left out)
     * @param <T> what a row becomes
     * @return what each row became, in order
     */
    static <T> List<T> mapAll(Result result, Function<Row, @Nullable T> perRow) {
        List<Row> rows = result.all();
        List<T> made = new ArrayList<>(rows.size());
        for (Row row : rows) {
            T value = perRow.apply(row);
            if (value != null) {
                made.add(value);
            }
        }
        return made;
    }
}
