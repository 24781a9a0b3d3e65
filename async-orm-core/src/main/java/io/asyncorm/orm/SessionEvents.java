package io.asyncorm.orm;

import io.asyncorm.engine.AsyncConnection;
import io.asyncorm.result.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Listeners on sessions: on one session ({@link AsyncSession#events()}) or on every session of a maker
 * ({@link AsyncSessionMaker#events()}; those run first). The analogue of SQLAlchemy's session and mapper
 * events, with one difference that matters: a listener returns a {@link Publisher} that completes when it
 * is done, so it may do I/O, in order, on the session's connection and inside its transaction:
 *
 * <pre>{@code
 * maker.events().beforeCommit(event -> event.connection()
 *         .flatMap(conn -> conn.execute(Sql.text("insert into audit (at) values (current_timestamp)"))).then());
 * maker.events().beforeInsert(Order.class, event -> Mono.fromRunnable(() -> event.entity().setCreatedBy(user)));
 * }</pre>
 *
 * <p>Listeners run one after another in registration order, each after the previous completed; an error
 * from a listener fails the operation (a failing {@code beforeFlush} fails the flush, which rolls back as
 * any failed flush does). Inside a listener the session may be used (add objects in {@code beforeFlush},
 * run a query in {@code beforeCommit}): the overlapping-use check lets a listener's own calls through.
 * Only {@code flush()} itself is refused while flushing. Registration is safe for concurrent use;
 * dispose what it returned to remove a listener.
 *
 * <p>When they run: {@code beforeFlush} before a flush that has something to write, {@code afterFlush}
 * after its statements; {@code beforeCommit} before the commit's flush of a root transaction, and
 * {@code afterCommit} after the database committed; {@code afterRollback} after a rollback of the root
 * transaction or of a savepoint, including the one a failed flush does. Per object: {@code beforeInsert},
 * {@code afterInsert}, {@code beforeUpdate}, {@code afterUpdate}, {@code beforeDelete}, {@code afterDelete}
 * around the flush statements that write it (column changes made in a {@code before*} listener are
 * written), and {@code load} when a row first becomes an object of the session.
 */
public final class SessionEvents {

    /** A listener on a session event. */
    @FunctionalInterface
    public interface SessionListener {

        /**
         * Called for the event.
         *
         * @param event the session and its connection
         * @return completes when the listener is done
         */
        Publisher<Void> on(SessionEvent event);
    }

    /**
     * A listener on an object's lifecycle.
     *
     * @param <T> the entity class listened to
     */
    @FunctionalInterface
    public interface EntityListener<T> {

        /**
         * Called for one object.
         *
         * @param event the object, its session and the connection its statements run on
         * @return completes when the listener is done
         */
        Publisher<Void> on(EntityEvent<T> event);
    }

    /**
     * A listener on the statements the application runs through a session (SQLAlchemy's {@code do_orm_execute}).
     * It may change the statement, parameters or options on the state, and may answer with a result of its own.
     */
    @FunctionalInterface
    public interface OrmExecuteListener {

        /**
         * Called before the statement runs.
         *
         * @param state the statement, its parameters and options, changeable
         * @return empty to let the session run the statement (as the state now says); a result to use instead, which
         *     ends the chain (later listeners and the statement do not run)
         */
        Publisher<Result> onExecute(OrmExecuteState state);
    }

    /**
     * A listener around a whole session operation (a flush, a commit, a rollback), for tracing and timing it: it gets
     * the operation's work and returns it wrapped, for example with an observation started on subscription and
     * stopped on its complete, error or cancel signal. The maker's listeners wrap the session's.
     */
    @FunctionalInterface
    public interface OperationListener {

        /**
         * Wraps one operation.
         *
         * @param operation what is about to run
         * @param work the operation itself; the returned {@code Mono} must subscribe to it once
         * @return the operation, wrapped
         */
        Mono<Void> around(Operation operation, Mono<Void> work);
    }

    /** The kinds of operation an {@link OperationListener} wraps. */
    public enum OperationKind {
        /** {@code flush()}, autoflush, and the flush a commit begins with. */
        FLUSH,
        /** A commit of the root transaction. */
        COMMIT,
        /** A rollback of the root transaction. */
        ROLLBACK
    }

    /**
     * One operation an {@link OperationListener} wraps.
     *
     * @param kind flush, commit or rollback
     * @param session the session
     * @param objects the objects with changes to write when it began (pending, deleted or modified)
     */
    public record Operation(OperationKind kind, AsyncSession session, int objects) {
    }

    /** What a session listener gets. */
    public interface SessionEvent {

        /**
         * The session.
         *
         * @return the session
         */
        AsyncSession session();

        /**
         * The session's connection (to its default engine), in its transaction: statements run on it are
         * part of the unit of work and are committed or rolled back with it. After a commit or rollback it
         * begins a new transaction.
         *
         * @return the connection
         */
        Mono<AsyncConnection> connection();

        /**
         * The transaction a transaction event is about ({@code beforeCommit}, {@code afterCommit},
         * {@code afterTransactionCreate}, {@code afterBegin}, {@code afterTransactionEnd}, {@code afterSoftRollback}):
         * the root one or a savepoint level ({@code isNested()} tells which).
         *
         * @return the transaction; empty for the other events
         */
        default Optional<AsyncSessionTransaction> transaction() {
            return Optional.empty();
        }
    }

    /**
     * What an entity listener gets.
     *
     * @param <T> the entity class
     */
    public interface EntityEvent<T> extends SessionEvent {

        /**
         * The object being inserted, updated, deleted or loaded.
         *
         * @return the object
         */
        T entity();

        /**
         * The connection the object's statements run on (its class's bind), in the session's transaction.
         *
         * @return the connection
         */
        @Override
        Mono<AsyncConnection> connection();
    }

    /** The session events. */
    enum Kind {
        BEFORE_FLUSH, AFTER_FLUSH, BEFORE_COMMIT, AFTER_COMMIT, AFTER_ROLLBACK,
        AFTER_TRANSACTION_CREATE, AFTER_BEGIN, AFTER_TRANSACTION_END, AFTER_SOFT_ROLLBACK
    }

    /** The entity events. */
    enum EntityKind { BEFORE_INSERT, AFTER_INSERT, BEFORE_UPDATE, AFTER_UPDATE, BEFORE_DELETE, AFTER_DELETE, LOAD }

    /** An entity listener and the class it listens to. */
    record Typed(Class<?> type, EntityListener<Object> listener) {
    }

    // Every session has a SessionEvents and few have listeners: each holder is made on the first registration of its
    // kind (read without a lock; made under this object's lock).
    private volatile @Nullable Map<Kind, List<SessionListener>> session;

    private volatile @Nullable Map<EntityKind, List<Typed>> entity;

    private volatile @Nullable List<OrmExecuteListener> ormExecute;

    private volatile @Nullable List<OperationListener> operations;

    SessionEvents() {
    }

    private synchronized List<SessionListener> sessionList(Kind kind) {
        Map<Kind, List<SessionListener>> made = this.session;
        if (made == null) {
            made = new ConcurrentHashMap<>();
            this.session = made;
        }
        return made.computeIfAbsent(kind, k -> new CopyOnWriteArrayList<>());
    }

    private synchronized List<Typed> entityList(EntityKind kind) {
        Map<EntityKind, List<Typed>> made = this.entity;
        if (made == null) {
            made = new ConcurrentHashMap<>();
            this.entity = made;
        }
        return made.computeIfAbsent(kind, k -> new CopyOnWriteArrayList<>());
    }

    private synchronized List<OrmExecuteListener> ormExecuteList() {
        List<OrmExecuteListener> made = this.ormExecute;
        if (made == null) {
            made = new CopyOnWriteArrayList<>();
            this.ormExecute = made;
        }
        return made;
    }

    private synchronized List<OperationListener> operationList() {
        List<OperationListener> made = this.operations;
        if (made == null) {
            made = new CopyOnWriteArrayList<>();
            this.operations = made;
        }
        return made;
    }

    /**
     * Runs before a flush that has changes to write; objects added here are flushed too.
     *
     * @param listener the listener
     * @return disposing it removes the listener
     */
    public Disposable beforeFlush(SessionListener listener) {
        return add(sessionList(Kind.BEFORE_FLUSH), listener);
    }

    /**
     * Runs after a flush's statements, in its transaction.
     *
     * @param listener the listener
     * @return disposing it removes the listener
     */
    public Disposable afterFlush(SessionListener listener) {
        return add(sessionList(Kind.AFTER_FLUSH), listener);
    }

    /**
     * Runs when a transaction commits (the root, or a savepoint level being released, as SQLAlchemy 2.0 does),
     * before its flush and COMMIT; statements run on {@link SessionEvent#connection()} here are part of the transaction.
     *
     * @param listener the listener
     * @return disposing it removes the listener
     */
    public Disposable beforeCommit(SessionListener listener) {
        return add(sessionList(Kind.BEFORE_COMMIT), listener);
    }

    /**
     * Runs after the database committed a transaction (the root, or released a savepoint level).
     *
     * @param listener the listener
     * @return disposing it removes the listener
     */
    public Disposable afterCommit(SessionListener listener) {
        return add(sessionList(Kind.AFTER_COMMIT), listener);
    }

    /**
     * Runs after a rollback (root transaction, savepoint, or the rollback of a failed flush).
     *
     * @param listener the listener
     * @return disposing it removes the listener
     */
    public Disposable afterRollback(SessionListener listener) {
        return add(sessionList(Kind.AFTER_ROLLBACK), listener);
    }

    /**
     * Runs before each statement the application runs through the session, and before the queries of the relationship
     * loads the session runs on its own ({@link OrmExecuteState#isRelationshipLoad()}: a Core {@code Select} of the
     * related table); SQLAlchemy's {@code do_orm_execute}, the hook behind global filters (soft delete, tenancy),
     * default options and result caches ({@link OrmExecuteState#invokeStatement()}).
     *
     * <pre>{@code
     * maker.events().doOrmExecute(state -> {
     *     if (state.entityType().filter(SoftDeleted.class::isAssignableFrom).isPresent()) {
     *         if (state.isEntityQuery()) {
     *             state.statement(((EntitySelect<?>) state.statement()).where(deletedColumn.isNull()));
     *         } else if (state.isRelationshipLoad()) {
     *             state.statement(((Select) state.statement()).where(deletedColumn.column().isNull()));
     *         }
     *     }
     *     return Mono.empty();
     * });
     * }</pre>
     *
     * @param listener the listener
     * @return disposing it removes the listener
     */
    public Disposable doOrmExecute(OrmExecuteListener listener) {
        return add(ormExecuteList(), listener);
    }

    /**
     * Wraps every flush, commit and rollback of the root transaction (the starter's Micrometer observations use it).
     *
     * @param listener the listener
     * @return disposing it removes the listener
     */
    public Disposable aroundOperation(OperationListener listener) {
        return add(operationList(), listener);
    }

    List<OrmExecuteListener> ormExecuteListeners() {
        List<OrmExecuteListener> made = this.ormExecute;
        return made == null ? List.of() : made;
    }

    /**
     * Runs when the session creates a transaction: the root one (explicitly or by autobegin) or a savepoint level
     * (SQLAlchemy's {@code after_transaction_create}). No I/O has happened for it yet.
     *
     * @param listener the listener; {@link SessionEvent#transaction()} is the new transaction
     * @return disposing it removes the listener
     */
    public Disposable afterTransactionCreate(SessionListener listener) {
        return add(sessionList(Kind.AFTER_TRANSACTION_CREATE), listener);
    }

    /**
     * Runs when the session's transaction begins on a connection: once per engine it checks a connection out
     * from (SQLAlchemy's {@code after_begin}). {@link SessionEvent#connection()} is that connection; statements run
     * on it here are in the session's transaction (its BEGIN goes with the first of them).
     *
     * @param listener the listener; {@link SessionEvent#transaction()} is the root transaction
     * @return disposing it removes the listener
     */
    public Disposable afterBegin(SessionListener listener) {
        return add(sessionList(Kind.AFTER_BEGIN), listener);
    }

    /**
     * Runs when a transaction of the session ends, committed, rolled back or closed, root or savepoint level,
     * after {@code afterCommit} / {@code afterRollback} (SQLAlchemy's {@code after_transaction_end}). Not after
     * a COMMIT that failed: the session has then let go of the transaction without ending it cleanly.
     *
     * @param listener the listener; {@link SessionEvent#transaction()} is the ended transaction
     * @return disposing it removes the listener
     */
    public Disposable afterTransactionEnd(SessionListener listener) {
        return add(sessionList(Kind.AFTER_TRANSACTION_END), listener);
    }

    /**
     * Runs after every rollback the application asks for, of the root or of a savepoint level, after
     * {@code afterTransactionEnd} (SQLAlchemy's {@code after_soft_rollback}).
     *
     * @param listener the listener; {@link SessionEvent#transaction()} is the transaction rolled back
     * @return disposing it removes the listener
     */
    public Disposable afterSoftRollback(SessionListener listener) {
        return add(sessionList(Kind.AFTER_SOFT_ROLLBACK), listener);
    }

    /**
     * Runs for each object of a class (and its subclasses) before its INSERT; it may set column values.
     *
     * @param type the class ({@code Object.class} for every entity)
     * @param listener the listener
     * @param <T> the class
     * @return disposing it removes the listener
     */
    public <T> Disposable beforeInsert(Class<T> type, EntityListener<? super T> listener) {
        return add(EntityKind.BEFORE_INSERT, type, listener);
    }

    /**
     * Runs for each object of a class after its INSERT (its generated key is set).
     *
     * @param type the class ({@code Object.class} for every entity)
     * @param listener the listener
     * @param <T> the class
     * @return disposing it removes the listener
     */
    public <T> Disposable afterInsert(Class<T> type, EntityListener<? super T> listener) {
        return add(EntityKind.AFTER_INSERT, type, listener);
    }

    /**
     * Runs for each modified object of a class before the flush computes its UPDATE; it may change more
     * columns.
     *
     * @param type the class ({@code Object.class} for every entity)
     * @param listener the listener
     * @param <T> the class
     * @return disposing it removes the listener
     */
    public <T> Disposable beforeUpdate(Class<T> type, EntityListener<? super T> listener) {
        return add(EntityKind.BEFORE_UPDATE, type, listener);
    }

    /**
     * Runs for each object of a class after its UPDATE.
     *
     * @param type the class ({@code Object.class} for every entity)
     * @param listener the listener
     * @param <T> the class
     * @return disposing it removes the listener
     */
    public <T> Disposable afterUpdate(Class<T> type, EntityListener<? super T> listener) {
        return add(EntityKind.AFTER_UPDATE, type, listener);
    }

    /**
     * Runs for each object of a class before its DELETE.
     *
     * @param type the class ({@code Object.class} for every entity)
     * @param listener the listener
     * @param <T> the class
     * @return disposing it removes the listener
     */
    public <T> Disposable beforeDelete(Class<T> type, EntityListener<? super T> listener) {
        return add(EntityKind.BEFORE_DELETE, type, listener);
    }

    /**
     * Runs for each object of a class after its DELETE.
     *
     * @param type the class ({@code Object.class} for every entity)
     * @param listener the listener
     * @param <T> the class
     * @return disposing it removes the listener
     */
    public <T> Disposable afterDelete(Class<T> type, EntityListener<? super T> listener) {
        return add(EntityKind.AFTER_DELETE, type, listener);
    }

    /**
     * Runs for each object of a class the session creates from a row (not for objects it already had),
     * after the query or load that created it has built its result.
     *
     * @param type the class ({@code Object.class} for every entity)
     * @param listener the listener
     * @param <T> the class
     * @return disposing it removes the listener
     */
    public <T> Disposable load(Class<T> type, EntityListener<? super T> listener) {
        return add(EntityKind.LOAD, type, listener);
    }

    boolean listens(Kind kind) {
        return !listeners(kind).isEmpty();
    }

    boolean listensAny(EntityKind kind) {
        Map<EntityKind, List<Typed>> made = this.entity;
        return made != null && !made.getOrDefault(kind, List.of()).isEmpty();
    }

    /** The operation listeners, in order. */
    List<OperationListener> operationListeners() {
        List<OperationListener> made = this.operations;
        return made == null ? List.of() : made;
    }

    /** The listeners of a kind, in order. */
    List<SessionListener> listeners(Kind kind) {
        Map<Kind, List<SessionListener>> made = this.session;
        return made == null ? List.of() : made.getOrDefault(kind, List.of());
    }

    /** The listeners of a kind that listen to a class, in order. */
    List<EntityListener<Object>> listeners(EntityKind kind, Class<?> type) {
        Map<EntityKind, List<Typed>> made = this.entity;
        if (made == null) {
            return List.of();
        }
        List<EntityListener<Object>> matching = new ArrayList<>();
        for (Typed typed : made.getOrDefault(kind, List.of())) {
            if (typed.type().isAssignableFrom(type)) {
                matching.add(typed.listener());
            }
        }
        return matching;
    }

    /** Runs listeners one after another, each through a wrapper (the session marks its listeners' calls as its own). */
    static <L> Mono<Void> run(List<L> listeners, Function<L, Mono<Void>> call) {
        return listeners.isEmpty() ? Mono.empty() : Flux.fromIterable(listeners).concatMap(call).then();
    }

    @SuppressWarnings("unchecked")
    private <T> Disposable add(EntityKind kind, Class<T> type, EntityListener<? super T> listener) {
        java.util.Objects.requireNonNull(type, "type");
        return add(entityList(kind), new Typed(type, (EntityListener<Object>) listener));
    }

    private static <L> Disposable add(List<L> listeners, L listener) {
        java.util.Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
