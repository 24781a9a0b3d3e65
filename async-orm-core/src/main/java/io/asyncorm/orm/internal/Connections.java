package io.asyncorm.orm.internal;

import io.asyncorm.engine.AsyncConnection;
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
}
