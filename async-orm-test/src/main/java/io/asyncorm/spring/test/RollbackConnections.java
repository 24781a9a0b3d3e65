package io.asyncorm.spring.test;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The test transaction of one application context: the connection it runs on while a test method runs, and the
 * factory it is taken from (the one the application's factory wraps).
 */
final class RollbackConnections {

    private final AtomicReference<@Nullable TestTransaction> current = new AtomicReference<>();

    private final AtomicInteger savepoints = new AtomicInteger();

    private volatile @Nullable ConnectionFactory source;

    /** Wraps the application's factory (there is one per context): it hands out handles while a test runs. */
    synchronized ConnectionFactory wrap(ConnectionFactory factory) {
        if (this.source != null && this.source != factory) {
            throw new IllegalStateException("@AsyncOrmTest rolls back the connections of one ConnectionFactory, and this "
                    + "context has a second (" + factory + "); exclude one, or use @Commit and clean up yourself");
        }
        this.source = factory;
        return new RollbackConnectionFactory(this, factory);
    }

    /** The running test's transaction, or null between test methods. */
    @Nullable TestTransaction current() {
        return this.current.get();
    }

    String nextSavepoint() {
        return "asyncorm_test_" + this.savepoints.incrementAndGet();
    }

    /**
     * Takes a connection and begins the test's transaction on it. The connection is closed again if the transaction
     * cannot begin or the caller cancels before it is in place.
     */
    Mono<Void> begin() {
        return Mono.defer(() -> {
            ConnectionFactory from = this.source;
            if (from == null) {
                return Mono.error(new IllegalStateException("No ConnectionFactory to roll back: the context has no R2DBC "
                        + "ConnectionFactory (is a driver on the test class path?)"));
            }
            if (this.current.get() != null) {
                return Mono.error(new IllegalStateException("A test transaction is already running in this context: "
                        + "test methods sharing one context cannot run at the same time (JUnit parallel execution)"));
            }
            return Mono.usingWhen(Mono.from(from.create()),
                    connection -> Mono.from(connection.beginTransaction())
                            .then(Mono.fromRunnable(() -> this.current.set(new TestTransaction(connection)))),
                    connection -> Mono.empty(),
                    (connection, error) -> Mono.from(connection.close()),
                    connection -> Mono.from(connection.close()));
        }).then();
    }

    /** Rolls the test's transaction back and returns its connection; handles still open then fail from now on. */
    Mono<Void> end() {
        return Mono.defer(() -> {
            TestTransaction ending = this.current.getAndSet(null);
            if (ending == null) {
                return Mono.empty();
            }
            ending.ended = true;
            if (!ending.open.isEmpty()) {
                LoggerFactory.getLogger(RollbackConnections.class).warn("{} connection(s) taken during the test were not "
                        + "closed when it ended (a stream or unit of work left running?); they fail from now on",
                        ending.open.size());
            }
            Connection connection = ending.connection;
            return Mono.from(connection.rollbackTransaction())
                    .onErrorResume(error -> Mono.from(connection.close()).then(Mono.error(error)))
                    .then(Mono.from(connection.close()));
        });
    }

    /** One test method's transaction: its connection and the handles open on it. */
    static final class TestTransaction {

        final Connection connection;

        final Set<JoinedConnection> open = ConcurrentHashMap.newKeySet();

        volatile boolean ended;

        TestTransaction(Connection connection) {
            this.connection = connection;
        }
    }
}
