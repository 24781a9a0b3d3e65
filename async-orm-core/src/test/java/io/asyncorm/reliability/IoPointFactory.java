package io.asyncorm.reliability;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import io.r2dbc.spi.Statement;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A driver {@link ConnectionFactory} whose connections report every I/O operation (BEGIN, each statement,
 * COMMIT, ROLLBACK, savepoints) at three points: just before the driver is asked ({@link Phase#BEFORE}),
 * once the driver has been asked and the database may be running it ({@link Phase#DURING}), and when the
 * driver has answered ({@link Phase#AFTER}). A test cancels its pipeline from the listener to cancel at
 * exactly that point.
 */
final class IoPointFactory implements ConnectionFactory {

    /** Where in an operation the listener is called. */
    enum Phase { BEFORE, DURING, AFTER }

    /** Told of each operation's points, on the thread that reaches them. */
    @FunctionalInterface
    interface Listener {

        /**
         * Called at one point of an operation.
         *
         * @param operation the SPI method ({@code beginTransaction}, {@code execute}, {@code commitTransaction}, ...)
         * @param phase the point
         * @param physical the driver's connection
         */
        void onIo(String operation, Phase phase, Connection physical);
    }

    private static final Set<String> IO = Set.of("beginTransaction", "commitTransaction", "rollbackTransaction", "createSavepoint",
            "releaseSavepoint", "rollbackTransactionToSavepoint", "execute");

    private final ConnectionFactory delegate;

    private volatile Listener listener = (operation, phase, physical) -> {
    };

    IoPointFactory(ConnectionFactory delegate) {
        this.delegate = delegate;
    }

    void listen(Listener listener) {
        this.listener = listener;
    }

    @Override
    public Publisher<? extends Connection> create() {
        return Mono.from(this.delegate.create()).map(physical -> proxy(Connection.class, physical, physical));
    }

    @Override
    public ConnectionFactoryMetadata getMetadata() {
        return this.delegate.getMetadata();
    }

    private <T> T proxy(Class<T> type, Object target, Connection physical) {
        return DriverProxies.proxy(type, target, (method, args, call) -> {
            Object result = call.invoke();
            if (result instanceof Statement statement && method.getName().equals("createStatement")) {
                return proxy(Statement.class, statement, physical);
            }
            if (result instanceof Publisher<?> publisher && IO.contains(method.getName())) {
                return observed(method.getName(), publisher, physical);
            }
            return result;
        });
    }

    private Publisher<?> observed(String operation, Publisher<?> publisher, Connection physical) {
        return Flux.defer(() -> {
            this.listener.onIo(operation, Phase.BEFORE, physical);
            AtomicBoolean asked = new AtomicBoolean();
            return Flux.from(publisher)
                    .doOnRequest(n -> {
                        if (asked.compareAndSet(false, true)) {
                            this.listener.onIo(operation, Phase.DURING, physical);
                        }
                    })
                    .doOnComplete(() -> this.listener.onIo(operation, Phase.AFTER, physical));
        });
    }
}
