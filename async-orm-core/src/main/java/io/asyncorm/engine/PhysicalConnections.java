package io.asyncorm.engine;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.IsolationLevel;
import io.r2dbc.spi.Wrapped;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * What the engine remembers about each physical connection while it lives: whether the connect
 * listeners have run, its {@code info} map, whether it was invalidated (so the pool destroys it
 * instead of handing it out again), and the isolation level it was set to. Weakly keyed: entries vanish with their connection.
 */
final class PhysicalConnections {

    /** The per-connection state. */
    static final class State {

        final Map<String, Object> info = new ConcurrentHashMap<>();

        volatile boolean invalidated;

        /** The server's isolation level before the engine first changed it; null until then. */
        volatile @Nullable IsolationLevel serverIsolation;

        /** The isolation level the engine set on it; null while it is at the server's. */
        volatile @Nullable IsolationLevel isolation;
    }

    private final Map<Connection, State> states = new WeakHashMap<>();

    /** The state of a connection, and whether this is the first time it is seen. */
    synchronized boolean register(Connection physical) {
        if (this.states.containsKey(physical)) {
            return false;
        }
        this.states.put(physical, new State());
        return true;
    }

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
