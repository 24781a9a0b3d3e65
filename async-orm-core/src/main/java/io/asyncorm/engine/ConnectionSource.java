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

    /**
     * Names the source that replaces this one ({@code dispose()}), before this one closes: a checkout still waiting
     * for a connection here then continues there instead of failing, as SQLAlchemy's waiters still get a connection
     * after {@code dispose()}. Sources whose close fails no waiting checkout ignore it.
     *
     * @param successor the engine's new source
     */
    default void replacedBy(ConnectionSource successor) {
    }

    PoolStatus status();

    /** The factory connections come from: the engine's r2dbc-pool, or the factory it draws from without pooling. */
    ConnectionFactory factory();
}
