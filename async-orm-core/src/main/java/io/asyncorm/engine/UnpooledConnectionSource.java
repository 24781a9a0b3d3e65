package io.asyncorm.engine;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.PoolMetrics;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;

/**
 * Connections straight from a factory: a new physical connection per checkout, closed on release
 * (SQLAlchemy's NullPool), or, when the factory is an application's own pool (Spring Boot's), that
 * pool's connections. The engine never closes a factory it did not create.
 */
final class UnpooledConnectionSource implements ConnectionSource {

    private final ConnectionFactory factory;

    private final AtomicInteger acquired = new AtomicInteger();

    /** An application's pool counts its own checkouts ({@link #status}): then there is no counter, and no operator for it. */
    private final boolean counted;

    UnpooledConnectionSource(ConnectionFactory factory) {
        this.factory = factory;
        this.counted = !(factory instanceof ConnectionPool pool && pool.getMetrics().isPresent());
    }

    @Override
    public Mono<Connection> acquire() {
        Mono<Connection> created = Mono.from(this.factory.create());
        return this.counted ? created.doOnNext(connection -> this.acquired.incrementAndGet()) : created;
    }

    @Override
    public Mono<Void> release(Connection connection) {
        if (!this.counted) {
            // r2dbc-pool's close publisher is lazy (as for the engine's own pool, PooledConnectionSource).
            return Mono.from(connection.close());
        }
        return Mono.defer(() -> {
            this.acquired.decrementAndGet();
            return Mono.from(connection.close());
        });
    }

    @Override
    public Mono<Void> close() {
        return Mono.empty();
    }

    @Override
    public ConnectionFactory factory() {
        return this.factory;
    }

    @Override
    public PoolStatus status() {
        if (this.factory instanceof ConnectionPool pool && pool.getMetrics().isPresent()) {
            PoolMetrics metrics = pool.getMetrics().get();
            return new PoolStatus(true, metrics.acquiredSize(), metrics.idleSize(), metrics.pendingAcquireSize(),
                    metrics.getMaxAllocatedSize());
        }
        return new PoolStatus(false, this.acquired.get(), 0, 0, -1);
    }
}
