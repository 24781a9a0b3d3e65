package io.asyncorm.spring.test;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import io.r2dbc.spi.Wrapped;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/** The application's factory in a rolled-back test: a handle on the test's connection while a test method runs. */
final class RollbackConnectionFactory implements ConnectionFactory, Wrapped<ConnectionFactory> {

    private final RollbackConnections connections;

    private final ConnectionFactory delegate;

    RollbackConnectionFactory(RollbackConnections connections, ConnectionFactory delegate) {
        this.connections = connections;
        this.delegate = delegate;
    }

    @Override
    public Publisher<? extends Connection> create() {
        return Mono.defer(() -> {
            RollbackConnections.TestTransaction transaction = this.connections.current();
            return transaction == null ? Mono.from(this.delegate.create())
                    : Mono.just(new JoinedConnection(transaction, this.connections));
        });
    }

    @Override
    public ConnectionFactoryMetadata getMetadata() {
        return this.delegate.getMetadata();
    }

    @Override
    public ConnectionFactory unwrap() {
        return this.delegate;
    }

    @Override
    public String toString() {
        return "RollbackConnectionFactory[" + this.delegate + "]";
    }
}
