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

    UnpooledConnectionSource(ConnectionFactory factory) {
        this.factory = factory;
    }

    @Override
    public Mono<Connection> acquire() {
        return Mono.<Connection>from(this.factory.create()).doOnNext(connection -> this.acquired.incrementAndGet());
    }

    @Override
    public Mono<Void> release(Connection connection) {
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
