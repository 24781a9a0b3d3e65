package io.asyncorm.orm;

import io.asyncorm.engine.AsyncConnection;
import io.asyncorm.engine.ExecutionOptions;
import io.asyncorm.orm.internal.EntityMapping;
import io.asyncorm.orm.internal.FlushEvents;
import io.asyncorm.orm.internal.LifecycleCallbacks;
import io.asyncorm.orm.internal.SessionState;
import io.asyncorm.orm.internal.UnitOfWork;
import io.asyncorm.result.Result;
import io.asyncorm.sql.Executable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Fires a session's events: its maker's listeners, then its own, each call marked as the session's own. */
final class SessionListeners {

    /** The JPA callback phase of each entity event (same names), looked up once rather than per fired event. */
    private static final Map<SessionEvents.EntityKind, LifecycleCallbacks.Phase> PHASES = phases();

    /** The session event of each flush phase (the same names). */
    private static final Map<FlushEvents.Phase, SessionEvents.EntityKind> KINDS = kinds();

    private static Map<SessionEvents.EntityKind, LifecycleCallbacks.Phase> phases() {
        Map<SessionEvents.EntityKind, LifecycleCallbacks.Phase> phases = new java.util.EnumMap<>(SessionEvents.EntityKind.class);
        for (SessionEvents.EntityKind kind : SessionEvents.EntityKind.values()) {
            phases.put(kind, LifecycleCallbacks.Phase.valueOf(kind.name()));
        }
        return phases;
    }

    private static Map<FlushEvents.Phase, SessionEvents.EntityKind> kinds() {
        Map<FlushEvents.Phase, SessionEvents.EntityKind> kinds = new java.util.EnumMap<>(FlushEvents.Phase.class);
        for (FlushEvents.Phase phase : FlushEvents.Phase.values()) {
            kinds.put(phase, SessionEvents.EntityKind.valueOf(phase.name()));
        }
        return kinds;
    }

    private final AsyncSession session;

    private final SessionEvents makerEvents;

    private final SessionEvents events;

    private final SessionGuard guard;

    private final SessionConnections connections;

    private final SessionState state;

    private final Registry registry;

    /**
     * The listeners of one session.
     *
     * @param session the session, as listeners see it
     * @param makerEvents the maker's listeners, which run first
     * @param events the session's own listeners
     * @param guard the session's guard, which each listener call passes
     * @param connections the session's connections, for the connection an event offers
     * @param state the session's objects, for the objects loaded since the last load event
     * @param registry the mappings
     */
    SessionListeners(AsyncSession session, SessionEvents makerEvents, SessionEvents events, SessionGuard guard,
            SessionConnections connections, SessionState state, Registry registry) {
        this.session = session;
        this.makerEvents = makerEvents;
        this.events = events;
        this.guard = guard;
        this.connections = connections;
        this.state = state;
        this.registry = registry;
    }

    /** Runs a statement the application asked for. */
    @FunctionalInterface
    interface Execution {
        Mono<Result> run(Executable statement, Map<String, ?> parameters, ExecutionOptions options);
    }

    /**
     * Runs the ORM execute listeners (the maker's, then the session's) around a statement: the first result one of them
     * answers with is the result; otherwise the statement runs as they left it.
     */
    Mono<Result> aroundExecute(Executable statement, Map<String, ?> parameters, ExecutionOptions options, Execution execution) {
        return around(null, statement, parameters, options, execution);
    }

    /** Whether an ORM execute listener (of the maker or the session) is registered. */
    boolean listensToExecute() {
        return !this.makerEvents.ormExecuteListeners().isEmpty() || !this.events.ormExecuteListeners().isEmpty();
    }

    /** The same around the query of a relationship load the session runs on its own ({@code isRelationshipLoad}). */
    Mono<Result> aroundLoad(Class<?> loaded, Executable query, Map<String, ?> parameters, ExecutionOptions options, Execution execution) {
        return around(loaded, query, parameters, options, execution);
    }

    private Mono<Result> around(@Nullable Class<?> loaded, Executable statement, Map<String, ?> parameters, ExecutionOptions options,
            Execution execution) {
        List<SessionEvents.OrmExecuteListener> makers = this.makerEvents.ormExecuteListeners();
        List<SessionEvents.OrmExecuteListener> own = this.events.ormExecuteListeners();
        if (makers.isEmpty() && own.isEmpty()) {
            return execution.run(statement, parameters, options);
        }
        return Mono.defer(() -> {
            List<SessionEvents.OrmExecuteListener> all = new ArrayList<>(makers);
            all.addAll(own);
            OrmExecuteState state = new OrmExecuteState(this.session, statement, parameters, options, loaded);
            state.chain(from -> chain(state, all, from, execution));
            return chain(state, all, 0, execution);
        });
    }

    /** The listeners from one position on, then the statement: the first listener that answers a result ends it. */
    private static Mono<Result> chain(OrmExecuteState state, List<SessionEvents.OrmExecuteListener> listeners, int from,
            Execution execution) {
        if (from == listeners.size()) {
            return Mono.defer(() -> execution.run(state.statement(), state.parameters(), state.executionOptions()));
        }
        return Mono.defer(() -> {
            state.position(from);
            return Mono.from(listeners.get(from).onExecute(state));
        }).switchIfEmpty(Mono.defer(() -> chain(state, listeners, from + 1, execution)));
    }

    /** Whether a flush has listeners (then an empty flush is detected first, so they do not fire for nothing). */
    boolean listensToFlushes() {
        return this.makerEvents.listens(SessionEvents.Kind.BEFORE_FLUSH) || this.events.listens(SessionEvents.Kind.BEFORE_FLUSH)
                || this.makerEvents.listens(SessionEvents.Kind.AFTER_FLUSH) || this.events.listens(SessionEvents.Kind.AFTER_FLUSH);
    }

    /**
     * Runs an operation inside its operation listeners (the maker's outermost); the count of objects with changes is
     * taken only when someone listens. Without listeners the work is made now (call it when the operation is about to
     * run), with them when their chain subscribes to it; a work that throws fails the operation.
     */
    Mono<Void> around(SessionEvents.OperationKind kind, Supplier<Mono<Void>> work) {
        if (this.makerEvents.operationListeners().isEmpty() && this.events.operationListeners().isEmpty()) {
            try {
                return work.get();
            } catch (RuntimeException ex) {
                return Mono.error(ex);
            }
        }
        return around(kind, Mono.defer(work));
    }

    /** {@link #around(SessionEvents.OperationKind, Supplier)} for work that is already lazy. */
    Mono<Void> around(SessionEvents.OperationKind kind, Mono<Void> work) {
        if (this.makerEvents.operationListeners().isEmpty() && this.events.operationListeners().isEmpty()) {
            return work;
        }
        return Mono.defer(() -> {
            SessionEvents.Operation operation = new SessionEvents.Operation(kind, this.session, UnitOfWork.changeCount(this.state));
            List<SessionEvents.OperationListener> listeners = new ArrayList<>(this.makerEvents.operationListeners());
            listeners.addAll(this.events.operationListeners());
            Mono<Void> wrapped = work;
            for (int i = listeners.size() - 1; i >= 0; i--) {
                wrapped = listeners.get(i).around(operation, wrapped);
            }
            return wrapped;
        });
    }

    /** Runs the maker's, then the session's, listeners of a session event. */
    Mono<Void> fire(SessionEvents.Kind kind) {
        return fire(kind, null, null);
    }

    /**
     * Runs the listeners of a session event about a transaction; the event's connection is the one given (the
     * connection a transaction began on), else the session's.
     */
    Mono<Void> fire(SessionEvents.Kind kind, @Nullable AsyncSessionTransaction transaction, @Nullable AsyncConnection connection) {
        return Mono.defer(() -> fireNow(kind, transaction, connection));
    }

    /**
     * The same, with the listeners looked up now rather than at subscription: for steps made when they are about to
     * run, so that an event nobody listens to costs no operator ({@link Mono#empty()}).
     */
    Mono<Void> fireNow(SessionEvents.Kind kind, @Nullable AsyncSessionTransaction transaction, @Nullable AsyncConnection connection) {
        if (!listens(kind)) {
            return Mono.empty();
        }
        ListenerEvent event = new ListenerEvent(this.session, this.session, connection != null ? () -> Mono.just(connection)
                : () -> this.connections.ofSession(ExecutionOptions.none()), transaction);
        List<SessionEvents.SessionListener> listeners = new ArrayList<>(this.makerEvents.listeners(kind));
        listeners.addAll(this.events.listeners(kind));
        return SessionEvents.run(listeners, listener -> this.guard.callback(() -> listener.on(event)));
    }

    /** Whether the maker or the session has a listener of the event. */
    boolean listens(SessionEvents.Kind kind) {
        return this.makerEvents.listens(kind) || this.events.listens(kind);
    }

    /** Runs the maker's, then the session's, listeners of an entity event, object after object. */
    Mono<Void> fire(SessionEvents.EntityKind kind, EntityMapping<?> mapping, List<Object> entities,
            Supplier<Mono<AsyncConnection>> connection) {
        List<SessionEvents.EntityListener<Object>> listeners = new ArrayList<>(this.makerEvents.listeners(kind, mapping.entityType()));
        listeners.addAll(this.events.listeners(kind, mapping.entityType()));
        LifecycleCallbacks.Phase phase = PHASES.get(kind);
        boolean callbacks = mapping.callbacks().has(phase);
        if (listeners.isEmpty() && !callbacks) {
            return Mono.empty();
        }
        // The class's JPA callbacks first (synchronous, no I/O), then the session's listeners.
        return Flux.fromIterable(entities).concatMap(entity -> {
            Mono<Void> callback = callbacks
                    ? this.guard.callback(() -> Mono.fromRunnable(() -> mapping.callbacks().run(phase, entity))) : Mono.empty();
            ListenerEvent event = new ListenerEvent(this.session, entity, connection);
            return callback.then(SessionEvents.run(listeners, listener -> this.guard.callback(() -> listener.on(event))));
        }).then();
    }

    /**
     * The flush's per-object events: the maker's and the session's listeners, and the classes' lifecycle callbacks.
     *
     * @return them, for the unit of work
     */
    FlushEvents flushEvents() {
        return new FlushEvents() {

            @Override
            public Mono<Void> fire(FlushEvents.Phase phase, EntityMapping<?> mapping, List<Object> entities) {
                return SessionListeners.this.fire(KINDS.get(phase), mapping, entities,
                        () -> SessionListeners.this.connections.forFlush(mapping));
            }

            @Override
            public boolean listens(FlushEvents.Phase phase, EntityMapping<?> mapping) {
                SessionEvents.EntityKind kind = KINDS.get(phase);
                Class<?> type = mapping.entityType();
                return mapping.callbacks().has(PHASES.get(kind)) || !SessionListeners.this.makerEvents.listeners(kind, type).isEmpty()
                        || !SessionListeners.this.events.listeners(kind, type).isEmpty();
            }
        };
    }

    private boolean listensToLoads() {
        return this.registry.hasLoadCallbacks() || this.makerEvents.listensAny(SessionEvents.EntityKind.LOAD)
                || this.events.listensAny(SessionEvents.EntityKind.LOAD);
    }

    /** With load listeners, records the objects an operation creates from rows and runs the listeners once it is done. */
    <T> Mono<T> withLoadEvents(Mono<T> work) {
        boolean listening = listensToLoads();
        this.state.recordLoads(listening);   // stops recording once the last load listener is gone
        if (!listening) {
            return work;
        }
        return work.flatMap(value -> fireLoads().thenReturn(value)).switchIfEmpty(Mono.defer(this::fireLoads).then(Mono.empty()));
    }

    /** Runs the load listeners for the objects created from rows since the last call. */
    Mono<Void> fireLoads() {
        return Mono.defer(() -> Flux.fromIterable(this.state.drainLoaded()).concatMap(entity -> {
            EntityMapping<?> mapping = this.registry.mapping(entity.getClass());
            return fire(SessionEvents.EntityKind.LOAD, mapping, List.of(entity), () -> this.connections.of(mapping));
        }).then());
    }

    /** For a stream's rows: whether load listeners need the objects recorded, one row at a time. */
    boolean recordStreamLoads() {
        boolean listening = listensToLoads();
        this.state.recordLoads(listening);
        return listening;
    }
}
