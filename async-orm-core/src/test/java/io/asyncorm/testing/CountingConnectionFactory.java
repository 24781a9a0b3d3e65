package io.asyncorm.testing;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import java.util.concurrent.atomic.AtomicInteger;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * A driver factory that counts the connections asked of it (each subscription to {@code create()}).
 *
 * @param delegate the factory that makes them
 * @param attempts the count
 */
public record CountingConnectionFactory(ConnectionFactory delegate, AtomicInteger attempts) implements ConnectionFactory {

    @Override
    public Publisher<? extends Connection> create() {
        return Mono.defer(() -> {
            this.attempts.incrementAndGet();
            return Mono.from(this.delegate.create());
        });
    }

    @Override
    public ConnectionFactoryMetadata getMetadata() {
        return this.delegate.getMetadata();
    }
}
