package io.asyncorm.engine;

import io.r2dbc.spi.Batch;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import io.r2dbc.spi.ConnectionMetadata;
import io.r2dbc.spi.IsolationLevel;
import io.r2dbc.spi.Statement;
import io.r2dbc.spi.TransactionDefinition;
import io.r2dbc.spi.ValidationDepth;
import io.r2dbc.spi.Wrapped;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * {@link AsyncEngine#connectionFactory()}: hands out the engine's pooled connections to plain R2DBC code. Unwraps to
 * the engine's r2dbc-pool {@code ConnectionPool} (or the factory it draws from without one), so tools that look for a
 * pool behind a factory find it: Spring Boot binds its {@code r2dbc.pool.*} meters to it.
 */
final class EngineConnectionFactory implements ConnectionFactory, Wrapped<ConnectionFactory> {

    private final EngineCore core;

    EngineConnectionFactory(EngineCore core) {
        this.core = core;
    }

    @Override
    public Publisher<? extends Connection> create() {
        return this.core.checkout(CheckedOutConnection::new);
    }

    @Override
    public ConnectionFactoryMetadata getMetadata() {
        return this.core.factory.getMetadata();
    }

    @Override
    public ConnectionFactory unwrap() {
        return this.core.source().factory();
    }

    @Override
    public String toString() {
        return "EngineConnectionFactory[" + this.core.url + "]";
    }

    /** A checked-out connection whose close() returns it to the engine's pool, once. */
    private static final class CheckedOutConnection implements Connection, Wrapped<Connection> {

        private final EngineCore.Checkout checkout;

        private final Connection delegate;

        private final AtomicBoolean closed = new AtomicBoolean();

        CheckedOutConnection(EngineCore.Checkout checkout) {
            this.checkout = checkout;
            this.delegate = checkout.pooled();
        }

        @Override
        public Publisher<Void> close() {
            return Mono.defer(() -> this.closed.compareAndSet(false, true) ? this.checkout.source().release(this.delegate)
                    : Mono.empty());
        }

        @Override
        public Connection unwrap() {
            return this.delegate;
        }

        @Override
        public Publisher<Void> beginTransaction() {
            return this.delegate.beginTransaction();
        }

        @Override
        public Publisher<Void> beginTransaction(TransactionDefinition definition) {
            return this.delegate.beginTransaction(definition);
        }

        @Override
        public Publisher<Void> commitTransaction() {
            return this.delegate.commitTransaction();
        }

        @Override
        public Batch createBatch() {
            return this.delegate.createBatch();
        }

        @Override
        public Publisher<Void> createSavepoint(String name) {
            return this.delegate.createSavepoint(name);
        }

        @Override
        public Statement createStatement(String sql) {
            return this.delegate.createStatement(sql);
        }

        @Override
        public boolean isAutoCommit() {
            return this.delegate.isAutoCommit();
        }

        @Override
        public ConnectionMetadata getMetadata() {
            return this.delegate.getMetadata();
        }

        @Override
        public IsolationLevel getTransactionIsolationLevel() {
            return this.delegate.getTransactionIsolationLevel();
        }

        @Override
        public Publisher<Void> releaseSavepoint(String name) {
            return this.delegate.releaseSavepoint(name);
        }

        @Override
        public Publisher<Void> rollbackTransaction() {
            return this.delegate.rollbackTransaction();
        }

        @Override
        public Publisher<Void> rollbackTransactionToSavepoint(String name) {
            return this.delegate.rollbackTransactionToSavepoint(name);
        }

        @Override
        public Publisher<Void> setAutoCommit(boolean autoCommit) {
            return this.delegate.setAutoCommit(autoCommit);
        }

        @Override
        public Publisher<Void> setLockWaitTimeout(Duration timeout) {
            return this.delegate.setLockWaitTimeout(timeout);
        }

        @Override
        public Publisher<Void> setStatementTimeout(Duration timeout) {
            return this.delegate.setStatementTimeout(timeout);
        }

        @Override
        public Publisher<Void> setTransactionIsolationLevel(IsolationLevel isolationLevel) {
            return this.delegate.setTransactionIsolationLevel(isolationLevel);
        }

        @Override
        public Publisher<Boolean> validate(ValidationDepth depth) {
            return this.delegate.validate(depth);
        }
    }
}
