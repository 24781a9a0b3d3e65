package io.asyncorm.orm.internal;

import io.asyncorm.engine.AsyncConnection;
import io.asyncorm.engine.ExecutionOptions;
import io.asyncorm.result.Result;
import io.asyncorm.sql.Select;
import java.util.List;
import java.util.Map;
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
}
