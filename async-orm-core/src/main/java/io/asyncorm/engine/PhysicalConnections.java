package io.asyncorm.engine;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.IsolationLevel;
import io.r2dbc.spi.Wrapped;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import org.jspecify.annotations.Nullable;

/**
 * What the engine remembers about each physical connection while it lives: whether the connect
 * listeners have run, its {@code info} map, whether it was invalidated (so the pool destroys it
 * instead of handing it out again), and the isolation level it was set to. Weakly keyed: entries vanish with their connection.
 */
final class PhysicalConnections {

    /** The per-connection state. */
    static final class State {

        private static final AtomicIntegerFieldUpdater<State> CONNECT_DUE = AtomicIntegerFieldUpdater.newUpdater(State.class,
                "connectDue");

        final Map<String, Object> info = new ConcurrentHashMap<>();

        /** 1 until a checkout has taken the running of the connect listeners ({@link #takeConnect()}). */
        private volatile int connectDue = 1;

        volatile boolean invalidated;

        /** The server's isolation level before the engine first changed it; null until then. */
        volatile @Nullable IsolationLevel serverIsolation;

        /** The isolation level the engine set on it; null while it is at the server's. */
        volatile @Nullable IsolationLevel isolation;

        /** Whether the connect listeners are to run: true once, for the first checkout that asks. */
        boolean takeConnect() {
            return CONNECT_DUE.compareAndSet(this, 1, 0);
        }
    }

    private final Map<Connection, State> states = new WeakHashMap<>();

    /**
     * The state of a connection, made the first time the engine sees it. A checkout looks it up once and carries it
     * ({@link EngineCore.Checkout#state()}), so its statements and its release need no lookup of their own.
     */
    synchronized State state(Connection physical) {
        return this.states.computeIfAbsent(physical, key -> new State());
    }

    synchronized boolean isInvalidated(Connection physical) {
        State state = this.states.get(physical);
        return state != null && state.invalidated;
    }

    static Connection unwrap(Connection connection) {
        Connection current = connection;
        while (current instanceof Wrapped<?> wrapped && wrapped.unwrap() instanceof Connection inner && inner != current) {
            current = inner;
        }
        return current;
    }
}
