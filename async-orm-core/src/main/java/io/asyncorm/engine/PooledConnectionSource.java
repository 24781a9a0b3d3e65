package io.asyncorm.engine;

import io.asyncorm.dialect.Dialect;
import io.asyncorm.exception.PoolTimeoutError;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.pool.PoolMetrics;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import io.r2dbc.spi.R2dbcTimeoutException;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.pool.PoolAcquirePendingLimitException;
import reactor.pool.PoolShutdownException;

/**
 * An r2dbc-pool {@link ConnectionPool} owned by the engine. Pre-ping is the pool's validation query;
 * a connection that fails it is destroyed and the checkout retried. A connection the server refuses
 * (unreachable, bad login) is never retried: the driver's exception fails the checkout at once.
 * Invalidated connections are destroyed on release through the pool's eviction predicate, so they
 * are never handed out again. A pool timeout of zero means "do not wait" (reactor-pool's
 * {@code maxPendingAcquire(0)}).
 */
final class PooledConnectionSource implements ConnectionSource {

    private final ConnectionPool pool;

    private final int maxSize;

    private final EngineOptions options;

    /** The pool timeout of a checkout that may wait (null: a checkout never waits, {@code maxPendingAcquire(0)}). */
    private final @Nullable Deadlines waitLimit;

    /** The source that replaced this one when the engine was disposed, for checkouts still waiting here. */
    private volatile @Nullable ConnectionSource successor;

    PooledConnectionSource(ConnectionFactory factory, EngineOptions options, Dialect dialect, PhysicalConnections physical) {
        this.options = options;
        this.maxSize = options.poolSize() + options.maxOverflow();
        Duration idle = options.poolIdleTimeout();
        Duration life = options.poolRecycle();
        boolean wait = !options.poolTimeout().isZero();
        this.waitLimit = wait ? new Deadlines(options.poolTimeout()) : null;
        ConnectionPoolConfiguration.Builder builder = ConnectionPoolConfiguration.builder(new MarkedConnectFailures(factory))
                .name("async-orm-" + dialect.name())
                .initialSize(0)
                .minIdle(0)
                .maxSize(this.maxSize)
                // The pool timeout is kept by PoolWait, not by r2dbc-pool: its maxAcquireTime is Reactor's timeout, a task
                // scheduled and cancelled on the parallel scheduler per checkout.
                .maxAcquireTime(Duration.ofMillis(-1))
                .maxIdleTime(idle)
                .acquireRetry(0)
                .customizer(pool -> {
                    pool.evictionPredicate((connection, metadata) -> physical.isInvalidated(connection)
                            || metadata.idleTime() >= idle.toMillis()
                            || (life != null && metadata.lifeTime() >= life.toMillis()));
                    if (!wait) {
                        pool.maxPendingAcquire(0);
                    }
                });
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
        // A failed validation (pre-ping found a dead pooled connection) destroys it; retry up to the pool size, so a
        // pool full of connections killed by a server restart recovers in one checkout. A new connection that could not
        // be opened is not retried: the server is unreachable or refuses the login, and the driver says why.
        Mono<Connection> checkout = attempt(this.maxSize);
        if (this.waitLimit != null) {
            checkout = new PoolWait(checkout, this.waitLimit, this::release, () -> new R2dbcTimeoutException(
                    "Connection acquisition timed out after " + this.options.poolTimeout().toMillis() + " ms"));
        }
        return checkout
                .onErrorMap(ConnectFailure.class, Throwable::getCause)
                .onErrorMap(error -> error instanceof R2dbcTimeoutException || error instanceof PoolAcquirePendingLimitException,
                        this::exhausted);
    }

    /**
     * One checkout from the pool, and up to {@code retries} more after failed validations. Retried by resubscribing in
     * {@code onErrorResume} rather than {@code retryWhen}: retryWhen drops a connection that arrives after a cancel
     * (its serializing subscriber discards it), and a dropped connection is a pool slot lost for good; onErrorResume
     * hands it on to the checkout, which releases it.
     */
    private Mono<Connection> attempt(int retries) {
        return this.pool.create().onErrorResume(error -> handedOver(error) || retries > 0 && failedValidation(error),
                error -> handedOver(error) ? Objects.requireNonNull(this.successor).acquire() : attempt(retries - 1));
    }

    /** Whether a checkout failed because the engine closed this pool for a new one (see {@link #replacedBy}). */
    private boolean handedOver(Throwable error) {
        return error instanceof PoolShutdownException && this.successor != null;
    }

    @Override
    public void replacedBy(ConnectionSource successor) {
        this.successor = successor;
    }

    private static boolean failedValidation(Throwable error) {
        return !(error instanceof ConnectFailure || error instanceof R2dbcTimeoutException
                || error instanceof PoolAcquirePendingLimitException);
    }

    private PoolTimeoutError exhausted(Throwable cause) {
        String waited = this.options.poolTimeout().isZero() ? "no wait allowed (poolTimeout 0)"
                : "connection timed out, timeout " + this.options.poolTimeout().toMillis() + " ms";
        return new PoolTimeoutError("QueuePool limit of size " + this.options.poolSize() + " overflow " + this.options.maxOverflow()
                + " reached, " + waited + ". Raise poolSize / maxOverflow / poolTimeout, or release connections sooner "
                + "(a connection is held until its connect() scope ends or close() is called).", cause);
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

    /** Marks an error of the driver's {@code create()}, so the checkout can tell it from a failed validation. */
    private static final class ConnectFailure extends RuntimeException {

        private static final long serialVersionUID = 1L;

        ConnectFailure(Throwable cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }

    /** The driver's factory, with its connect errors marked as {@link ConnectFailure}. */
    private record MarkedConnectFailures(ConnectionFactory delegate) implements ConnectionFactory {

        @Override
        public Publisher<? extends Connection> create() {
            return Mono.from(this.delegate.create()).onErrorMap(ConnectFailure::new);
        }

        @Override
        public ConnectionFactoryMetadata getMetadata() {
            return this.delegate.getMetadata();
        }
    }

    @Override
    public ConnectionFactory factory() {
        return this.pool;
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
