package io.asyncorm.spring.test;

import io.r2dbc.spi.Batch;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionMetadata;
import io.r2dbc.spi.IsolationLevel;
import io.r2dbc.spi.Statement;
import io.r2dbc.spi.TransactionDefinition;
import io.r2dbc.spi.ValidationDepth;
import io.r2dbc.spi.Wrapped;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * A handle on the test's connection, as the application sees a connection of its own: its transaction is a savepoint
 * in the test's transaction, and closing it rolls back what it left open but never closes the shared connection.
 * Unwraps to the shared connection, so driver-specific work (PostgreSQL's COPY) reaches it.
 */
final class JoinedConnection implements Connection, Wrapped<Connection> {

    private final RollbackConnections.TestTransaction transaction;

    private final RollbackConnections connections;

    private final Connection shared;

    /** The savepoint standing for this handle's transaction; null in auto-commit. */
    private volatile @Nullable String savepoint;

    /**
     * The savepoint the handle's auto-commit statements run in, from the first until the handle closes or begins a
     * transaction: on PostgreSQL a failed statement would otherwise abort the test's whole transaction.
     */
    private volatile @Nullable String implicit;

    private volatile boolean closed;

    JoinedConnection(RollbackConnections.TestTransaction transaction, RollbackConnections connections) {
        this.transaction = transaction;
        this.connections = connections;
        this.shared = transaction.connection;
        transaction.open.add(this);
    }

    @Override
    public Publisher<Void> beginTransaction() {
        return Mono.defer(() -> {
            if (this.savepoint != null) {
                return Mono.empty();
            }
            String name = this.connections.nextSavepoint();
            return usable().then(endImplicit()).then(Mono.from(this.shared.createSavepoint(name)))
                    .doOnSuccess(done -> this.savepoint = name);
        });
    }

    /** Opens the implicit savepoint before an auto-commit statement, unless one is open. */
    private Mono<Void> beginImplicit() {
        return Mono.defer(() -> {
            if (this.savepoint != null || this.implicit != null) {
                return Mono.empty();
            }
            String name = this.connections.nextSavepoint();
            this.implicit = name;
            return Mono.from(this.shared.createSavepoint(name));
        });
    }

    /**
     * Ends the implicit savepoint: released (its statements stay, as auto-commit would keep them), or, when a failed
     * statement left the transaction aborted (PostgreSQL), rolled back to, which makes the test's transaction usable again.
     */
    private Mono<Void> endImplicit() {
        return Mono.defer(() -> {
            String name = this.implicit;
            if (name == null || this.transaction.ended) {
                return Mono.empty();
            }
            this.implicit = null;
            return Mono.from(this.shared.releaseSavepoint(name)).onErrorResume(aborted -> Mono.from(
                    this.shared.rollbackTransactionToSavepoint(name)).then(Mono.from(this.shared.releaseSavepoint(name))));
        });
    }

    /** Isolation and read-only cannot change inside the test's transaction: the savepoint is all there is. */
    @Override
    public Publisher<Void> beginTransaction(TransactionDefinition definition) {
        return beginTransaction();
    }

    @Override
    public Publisher<Void> commitTransaction() {
        return Mono.defer(() -> {
            String name = this.savepoint;
            if (name == null) {
                return Mono.empty();
            }
            this.savepoint = null;
            return usable().then(Mono.from(this.shared.releaseSavepoint(name)));
        });
    }

    @Override
    public Publisher<Void> rollbackTransaction() {
        return Mono.defer(() -> {
            String name = this.savepoint;
            if (name == null) {
                return Mono.empty();
            }
            this.savepoint = null;
            return usable().then(Mono.from(this.shared.rollbackTransactionToSavepoint(name)))
                    .then(Mono.from(this.shared.releaseSavepoint(name)));
        });
    }

    /** As the SPI says, a savepoint begins a transaction when none is active. */
    @Override
    public Publisher<Void> createSavepoint(String name) {
        return Mono.from(beginTransaction()).then(Mono.from(this.shared.createSavepoint(name)));
    }

    @Override
    public Publisher<Void> releaseSavepoint(String name) {
        return usable().then(Mono.from(this.shared.releaseSavepoint(name)));
    }

    @Override
    public Publisher<Void> rollbackTransactionToSavepoint(String name) {
        return usable().then(Mono.from(this.shared.rollbackTransactionToSavepoint(name)));
    }

    @Override
    public boolean isAutoCommit() {
        return this.savepoint == null;
    }

    /** Turning auto-commit off begins a transaction; turning it on commits the open one, as in JDBC. */
    @Override
    public Publisher<Void> setAutoCommit(boolean autoCommit) {
        return autoCommit ? commitTransaction() : beginTransaction();
    }

    @Override
    public IsolationLevel getTransactionIsolationLevel() {
        return this.shared.getTransactionIsolationLevel();
    }

    @Override
    public Publisher<Void> setTransactionIsolationLevel(IsolationLevel isolationLevel) {
        return Mono.empty();
    }

    @Override
    public Publisher<Void> setLockWaitTimeout(Duration timeout) {
        return usable().then(Mono.from(this.shared.setLockWaitTimeout(timeout)));
    }

    @Override
    public Publisher<Void> setStatementTimeout(Duration timeout) {
        return usable().then(Mono.from(this.shared.setStatementTimeout(timeout)));
    }

    @Override
    public Batch createBatch() {
        checkOpen();
        return this.shared.createBatch();
    }

    @Override
    public Statement createStatement(String sql) {
        checkOpen();
        Statement statement = this.shared.createStatement(sql);
        return this.savepoint != null ? statement : new JoinedStatement(statement, beginImplicit());
    }

    @Override
    public ConnectionMetadata getMetadata() {
        return this.shared.getMetadata();
    }

    @Override
    public Publisher<Boolean> validate(ValidationDepth depth) {
        return Mono.defer(() -> this.closed || this.transaction.ended ? Mono.just(false) : Mono.from(this.shared.validate(depth)));
    }

    /** Rolls back the transaction the handle left open (as a pool resets a returned connection); closes nothing else. */
    @Override
    public Publisher<Void> close() {
        return Mono.defer(() -> {
            if (this.closed) {
                return Mono.empty();
            }
            this.closed = true;
            this.transaction.open.remove(this);
            return this.transaction.ended ? Mono.empty() : endImplicit().then(Mono.from(rollbackTransaction()));
        });
    }

    @Override
    public Connection unwrap() {
        return this.shared;
    }

    private Mono<Void> usable() {
        return Mono.fromRunnable(this::check);
    }

    private void checkOpen() {
        if (this.closed) {
            throw new IllegalStateException("This connection is closed");
        }
        check();
    }

    private void check() {
        if (this.transaction.ended) {
            throw new IllegalStateException("The test method this connection was taken in has ended and its transaction "
                    + "was rolled back: finish (or cancel) the work within the test method");
        }
    }
}
