package io.asyncorm.reliability;

import io.r2dbc.spi.Batch;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Statement;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

/**
 * A driver {@link ConnectionFactory} that reports every Reactive Streams signal of every publisher the driver hands out
 * (connection creation, BEGIN / COMMIT / ROLLBACK / savepoints, statements, their results and each row or count
 * segment, close): subscribe, each element, completion and error. A test cancels its pipeline when the k-th signal
 * arrives, for every k a unit of work produces, so cancellation is tried at every point rather than at hand-picked ones.
 */
final class SignalCountingFactory implements ConnectionFactory {

    private final ConnectionFactory delegate;

    private volatile Runnable listener = () -> {
    };

    SignalCountingFactory(ConnectionFactory delegate) {
        this.delegate = delegate;
    }

    /** Calls the listener at every signal from now on, on the thread that delivers the signal. */
    void listen(Runnable listener) {
        this.listener = listener;
    }

    /** Stops reporting. */
    void quiet() {
        this.listener = () -> {
        };
    }

    @Override
    public Publisher<? extends Connection> create() {
        return observed(Flux.from(this.delegate.create()).map(connection -> proxy(Connection.class, connection)));
    }

    @Override
    public ConnectionFactoryMetadata getMetadata() {
        return this.delegate.getMetadata();
    }

    private <T> T proxy(Class<T> type, Object target) {
        return DriverProxies.proxy(type, target, (method, args, call) -> {
            Object result = call.invoke();
            if (result == target) {
                return result;
            }
            if (result instanceof Statement statement) {
                return proxy(Statement.class, statement);
            }
            if (result instanceof Batch batch) {
                return proxy(Batch.class, batch);
            }
            if (result instanceof Result driverResult) {
                return proxy(Result.class, driverResult);
            }
            if (result instanceof Publisher<?> publisher) {
                return observed(Flux.from(publisher).map(element -> element instanceof Result r ? proxy(Result.class, r) : element));
            }
            return result;
        });
    }

    /** A publisher whose signals are reported too (a test's own input, such as COPY rows). */
    <T> Flux<T> observed(Flux<T> publisher) {
        return publisher.doOnSubscribe(subscription -> this.listener.run())
                .doOnNext(element -> this.listener.run())
                .doOnComplete(() -> this.listener.run())
                .doOnError(error -> this.listener.run());
    }
}
