package io.asyncorm.engine;

import io.asyncorm.dialect.Dialect;
import io.asyncorm.exception.PoolTimeoutError;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.pool.PoolMetrics;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.R2dbcTimeoutException;
import java.time.Duration;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * An r2dbc-pool {@link ConnectionPool} owned by the engine. Pre-ping is the pool's validation query;
 * a connection that fails it is destroyed and the checkout retried. Invalidated connections are
 * destroyed on release through the pool's eviction predicate, so they are never handed out again.
 */
final class PooledConnectionSource implements ConnectionSource {

    private final ConnectionPool pool;

    private final int maxSize;

    private final EngineOptions options;

    PooledConnectionSource(ConnectionFactory factory, EngineOptions options, Dialect dialect, PhysicalConnections physical) {
        this.options = options;
        this.maxSize = options.poolSize() + options.maxOverflow();
        Duration idle = options.poolIdleTimeout();
        Duration life = options.poolRecycle();
        ConnectionPoolConfiguration.Builder builder = ConnectionPoolConfiguration.builder(factory)
                .name("async-orm-" + dialect.name())
                .initialSize(0)
                .minIdle(0)
                .maxSize(this.maxSize)
                .maxAcquireTime(options.poolTimeout())
                .maxIdleTime(idle)
                .acquireRetry(0)
                .customizer(pool -> pool.evictionPredicate((connection, metadata) -> physical.isInvalidated(connection)
                        || metadata.idleTime() >= idle.toMillis()
                        || (life != null && metadata.lifeTime() >= life.toMillis())));
        if (life != null) {
            builder.maxLifeTime(life);
        }
        if (options.poolPrePing()) {
            builder.validationQuery("SELECT 1");
        }
        this.pool = new ConnectionPool(builder.build());
    }

    @Override
    public Mono<Connection> acquire() {
        // A failed validation (pre-ping found a dead connection) destroys it; retry up to the pool size,
        // so a pool full of connections killed by a server restart recovers in one checkout.
        return this.pool.create()
                .retryWhen(Retry.max(this.maxSize).filter(error -> !(error instanceof R2dbcTimeoutException)))
                .onErrorMap(R2dbcTimeoutException.class, timeout -> new PoolTimeoutError("QueuePool limit of size "
                        + this.options.poolSize() + " overflow " + this.options.maxOverflow()
                        + " reached, connection timed out, timeout " + this.options.poolTimeout().toMillis()
                        + " ms. Raise poolSize / maxOverflow / poolTimeout, or release connections sooner "
                        + "(a connection is held until its connect() scope ends or close() is called).", timeout));
    }

    @Override
    public Mono<Void> release(Connection connection) {
        return Mono.from(connection.close());
    }

    @Override
    public Mono<Void> close() {
        // reactor-pool can count a permit twice when a release races the pool's disposal (reactor/reactor-pool#80,
        // #113, "very randomly and very rare"); the pool is going away either way, so that one error is logged, not thrown.
        return this.pool.disposeLater().onErrorResume(
                error -> error instanceof IllegalArgumentException && String.valueOf(error.getMessage()).startsWith("Too many permits"),
                error -> {
                    EngineCore.logCleanupFailure("Disposing the connection pool", error);
                    return Mono.empty();
                });
    }

    @Override
    public PoolStatus status() {
        PoolMetrics metrics = this.pool.getMetrics().orElse(null);
        if (metrics == null) {
            return new PoolStatus(true, -1, -1, -1, this.maxSize);
        }
        return new PoolStatus(true, metrics.acquiredSize(), metrics.idleSize(), metrics.pendingAcquireSize(), this.maxSize);
    }
}
