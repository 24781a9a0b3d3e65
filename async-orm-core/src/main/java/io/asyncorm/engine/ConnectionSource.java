package io.asyncorm.engine;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import reactor.core.publisher.Mono;

/** Where an engine gets its connections: its own pool, or a factory (no pool, or someone else's pool). */
interface ConnectionSource {

    /** Checks out a connection; the caller must {@link #release} it. */
    Mono<Connection> acquire();

    /** Gives a checked-out connection back (to the pool, or closes it). */
    Mono<Void> release(Connection connection);

    /** Closes what this source owns; checked-out connections are closed when released. */
    Mono<Void> close();

    PoolStatus status();

    /** The factory connections come from: the engine's r2dbc-pool, or the factory it draws from without pooling. */
    ConnectionFactory factory();
}
