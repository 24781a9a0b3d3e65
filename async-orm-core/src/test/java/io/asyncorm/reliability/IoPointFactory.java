package io.asyncorm.reliability;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import io.r2dbc.spi.Statement;
import io.r2dbc.spi.Wrapped;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
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
        InvocationHandler handler = (self, method, args) -> invoke(self, target, physical, method, args);
        return type.cast(Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type, Wrapped.class}, handler));
    }

    private Object invoke(Object self, Object target, Connection physical, Method method, Object[] args) throws Throwable {
        if (method.getName().equals("unwrap") && method.getDeclaringClass() == Wrapped.class) {
            if (args == null || args.length == 0) {
                return target;
            }
            Class<?> wanted = (Class<?>) args[0];
            return wanted.isInstance(target) ? target : target instanceof Wrapped<?> wrapped ? wrapped.unwrap(wanted) : null;
        }
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> self == args[0];
                case "hashCode" -> System.identityHashCode(self);
                default -> "io-points:" + target;
            };
        }
        Object result;
        try {
            result = method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
        if (result == target) {
            return self;
        }
        if (result instanceof Statement statement && method.getName().equals("createStatement")) {
            return proxy(Statement.class, statement, physical);
        }
        if (result instanceof Publisher<?> publisher && IO.contains(method.getName())) {
            return observed(method.getName(), publisher, physical);
        }
        return result;
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
