package io.asyncorm.engine;

import io.asyncorm.dialect.Dialect;
import io.asyncorm.exception.AsyncOrmException;
import io.asyncorm.exception.OperationalError;
import io.asyncorm.exception.PoolTimeoutError;
import io.asyncorm.internal.Steps;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.R2dbcTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What an engine and the engines derived from it with {@code withExecutionOptions} share: the
 * connection source (swapped by {@code dispose}), the dialect, events, the echo log and the registry
 * of physical connections.
 */
final class EngineCore {

    private static final Logger LOG = LoggerFactory.getLogger(EngineCore.class);

    final String url;

    final EngineOptions options;

    final Dialect dialect;

    final EngineEvents events = new EngineEvents();

    final Echo echo;

    final ExceptionTranslator translator;

    final PhysicalConnections physical = new PhysicalConnections();

    /** The cleanup steps' time limit, without a scheduled task per step. */
    private final Deadlines cleanupDeadlines;

    private final Supplier<ConnectionSource> sources;

    private ConnectionSource source;

    // Pools left by dispose(false); closed by the next dispose(true), so nothing leaks at shutdown.
    private final List<ConnectionSource> retired = new ArrayList<>();

    EngineCore(String url, ConnectionFactory factory, EngineOptions options) {
        this.url = url;
        this.factory = factory;
        this.options = options;
        this.dialect = options.dialect() != null ? options.dialect() : Dialect.detect(factory.getMetadata());
        this.echo = new Echo(options);
        this.translator = new ExceptionTranslator(this.dialect, this.echo);
        this.cleanupDeadlines = new Deadlines(options.cleanupTimeout());
        boolean pooled = options.poolEnabled() && !(factory instanceof ConnectionPool);
        this.sources = pooled ? () -> new PooledConnectionSource(factory, options, this.dialect, this.physical)
                : () -> new UnpooledConnectionSource(factory);
        this.source = this.sources.get();
    }

    /** The driver's (or a foreign pool's) factory the engine draws from. */
    final ConnectionFactory factory;

    synchronized ConnectionSource source() {
        return this.source;
    }

    /**
     * Checks out a connection, running the connect listeners the first time a physical connection is
     * seen. If the listeners fail or the subscriber cancels before receiving it, it is released (see
     * {@link CheckoutOperation}).
     *
     * @param wrap what the caller makes of the checkout (made before it is emitted; dropped if it never is)
     */
    <T> Mono<T> checkout(Function<Checkout, T> wrap) {
        return CheckoutOperation.of(this, wrap);
    }

    /**
     * The listeners a checkout runs: the connect listeners the first time a checkout of its physical connection asks,
     * then the checkout listeners; {@link Mono#empty()} when none is registered. Called once per checkout.
     */
    Mono<Void> checkoutListeners(Checkout checkout) {
        Mono<Void> connect = checkout.state().takeConnect() ? this.events.fireConnect(checkout.physical()) : Mono.empty();
        return Steps.then(connect, () -> this.events.fireCheckout(checkout.physical()));
    }

    /** Why a checkout failed: an exhausted pool, or a database that cannot be reached or refuses the login. */
    Throwable checkoutFailure(Throwable error) {
        if (error instanceof AsyncOrmException) {
            return error;
        }
        if (error instanceof R2dbcTimeoutException) {
            return new PoolTimeoutError("Timed out waiting for a connection from " + this.url + ": " + error.getMessage()
                    + ". The pool is exhausted: raise its size, or release connections sooner.", error);
        }
        String state = error instanceof R2dbcException r ? r.getSqlState() : null;
        return new OperationalError("OperationalError: could not connect to " + this.url + ": (" + error.getClass().getSimpleName()
                + ") " + error.getMessage(), null, state, error, false);
    }

    Mono<Void> dispose(boolean close) {
        return Mono.defer(() -> {
            List<ConnectionSource> toClose = new ArrayList<>();
            synchronized (this) {
                ConnectionSource old = this.source;
                this.source = this.sources.get();
                old.replacedBy(this.source);
                if (close) {
                    toClose.addAll(this.retired);
                    this.retired.clear();
                    toClose.add(old);
                } else {
                    this.retired.add(old);
                }
            }
            return Flux.fromIterable(toClose).concatMap(ConnectionSource::close).then();
        });
    }

    /** A checked-out connection, the source it must go back to, and what the engine remembers about its physical connection. */
    record Checkout(ConnectionSource source, Connection pooled, Connection physical, PhysicalConnections.State state) {
    }

    /**
     * A cleanup step limited to {@code cleanupTimeout}: past it the step is cancelled and a {@code TimeoutException}
     * naming the step follows (the callers log it; a connection whose cleanup did not answer is discarded).
     */
    <T> Mono<T> withinCleanupLimit(Mono<T> step, String what) {
        return step.timeout(cleanupLimit(), Mono.error(() -> new TimeoutException(what + " did not answer within "
                + this.options.cleanupTimeout().toMillis() + " ms (cleanupTimeout)")));
    }

    /** A signal that comes {@code cleanupTimeout} after its subscription, for {@code timeout(Publisher, fallback)}. */
    Mono<Long> cleanupLimit() {
        return this.cleanupDeadlines.limit();
    }

    static void logCleanupFailure(String what, Throwable error) {
        if (error instanceof AsyncOrmException) {
            LOG.warn("{} failed: {}", what, error.getMessage());
        } else {
            LOG.warn("{} failed", what, error);
        }
    }
}
