package io.asyncorm.orm;

import io.asyncorm.orm.mapping.IdentityKey;
import io.asyncorm.engine.AsyncConnection;
import io.asyncorm.engine.AsyncEngine;
import io.asyncorm.engine.AsyncTransaction;
import io.asyncorm.engine.ExecutionOptions;
import io.asyncorm.internal.SyncBridge;
import io.asyncorm.exception.ArgumentError;
import io.asyncorm.exception.DetachedInstanceError;
import io.asyncorm.exception.InvalidRequestError;
import io.asyncorm.exception.NoResultFound;
import io.asyncorm.orm.internal.EntityMapping;
import io.asyncorm.orm.internal.EntityState;
import io.asyncorm.orm.internal.EntityState.Status;
import io.asyncorm.orm.internal.SessionState;
import io.asyncorm.orm.internal.SyncLoader;
import io.asyncorm.orm.internal.UnitOfWork;
import io.asyncorm.result.AsyncResult;
import io.asyncorm.result.AsyncScalarResult;
import io.asyncorm.result.Result;
import io.asyncorm.result.ScalarResult;
import io.asyncorm.sql.Executable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.context.Context;
import reactor.util.retry.Retry;

/**
 * The session: guards against overlapping use, runs autoflush and runSync blocks, and delegates to the
 * identity map and object lifecycle ({@link SessionState}), the unit of work ({@link UnitOfWork}), the
 * queries and loads ({@link SessionQueries}), the connection and transactions ({@link SessionTransactions}),
 * the events ({@link SessionListeners}) and the engine routing ({@link SessionBinds}).
 */
final class DefaultAsyncSession implements AsyncSession, SyncLoader {

    private static final Set<DefaultAsyncSession> OPEN = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    private final SessionOptions options;

    private final SessionState state;

    private final SessionTransactions transactions;

    private final SessionQueries queries;

    private final AtomicReference<@Nullable String> busy = new AtomicReference<>();

    /** Completed when the running operation finishes, for a close waiting on it. */
    private volatile Sinks.@Nullable Empty<Void> idle;

    private final Map<String, Object> info;

    private volatile boolean autoflush;

    /** Marks, in the Reactor context, work running inside one of this session's operations (its listeners, a runSync block). */
    private final Object reentryKey = new Object();

    /** How many listener calls are running: while one is, the in-memory methods are allowed during an operation. */
    private final AtomicInteger inCallback = new AtomicInteger();

    private final SessionEvents events = new SessionEvents();

    private final SessionListeners listeners;

    private final SessionBinds binds;

    private volatile boolean flushing;

    /** The thread running this session's runSync block, if one runs: there (only) unloaded attributes load on access. */
    private volatile @Nullable Thread syncThread;

    DefaultAsyncSession(SessionOptions options, SessionEvents makerEvents) {
        this.options = options;
        this.listeners = new SessionListeners(this, makerEvents, this.events);
        this.binds = new SessionBinds(options);
        this.state = new SessionState(this, options.registry()::mapping);
        this.transactions = new SessionTransactions();
        this.queries = new SessionQueries(this, this.state);
        this.info = Collections.synchronizedMap(new HashMap<>(options.info()));
        this.autoflush = options.autoflush();
        OPEN.add(this);
    }

    static Optional<AsyncSession> sessionOf(Object entity) {
        synchronized (OPEN) {
            for (DefaultAsyncSession session : OPEN) {
                EntityState state = session.state.stateOf(entity);
                if (state != null && (state.status() == Status.PENDING || state.status() == Status.PERSISTENT)) {
                    return Optional.of(session);
                }
            }
        }
        return Optional.empty();
    }

    static Mono<Void> closeAllSessions() {
        return Flux.defer(() -> {
            synchronized (OPEN) {
                return Flux.fromIterable(new ArrayList<>(OPEN));
            }
        }).concatMap(DefaultAsyncSession::close).then();
    }

    // ---------------------------------------------------------------- guard

    /**
     * Runs an operation, failing at once if another one of this session is still running. The guard is
     * released before the result is passed on, so work chained after the result may use the session.
     */
    <T> Mono<T> guarded(String operation, Supplier<Mono<T>> body) {
        return Mono.deferContextual(context -> {
            if (context.hasKey(this.reentryKey)) {
                // A listener's (or a runSync block's) own call, inside the operation that holds the guard.
                return this.listeners.withLoadEvents(body.get());
            }
            if (!this.busy.compareAndSet(null, operation)) {
                return Mono.error(concurrentUse(operation));
            }
            Runnable release = () -> release(operation);
            Mono<T> work;
            try {
                work = this.listeners.withLoadEvents(body.get());
            } catch (RuntimeException ex) {
                release.run();
                return Mono.error(ex);
            }
            return work.contextWrite(Context.of(this.reentryKey, Boolean.TRUE))
                    .doOnSuccess(value -> release.run()).doOnError(error -> release.run()).doOnCancel(release);
        });
    }

    private void release(String operation) {
        if (this.busy.compareAndSet(operation, null)) {
            Sinks.Empty<Void> waiting = this.idle;
            if (waiting != null) {
                this.idle = null;
                waiting.tryEmitEmpty();
            }
        }
    }

    /** Completes when no operation is running (at once if none is). */
    private Mono<Void> whenIdle() {
        return Mono.defer(() -> {
            if (this.busy.get() == null) {
                return Mono.empty();
            }
            Sinks.Empty<Void> waiting;
            synchronized (this) {
                waiting = this.idle;
                if (waiting == null) {
                    waiting = Sinks.empty();
                    this.idle = waiting;
                }
            }
            if (this.busy.get() == null) {
                // Released between the two checks: the releaser may not have seen the sink.
                waiting.tryEmitEmpty();
            }
            return waiting.asMono();
        });
    }

    /**
     * Runs a closing operation once the running one (if any) has finished, instead of failing: a cancelled
     * operation may still be finishing on another thread when the cleanup of its pipeline closes the session,
     * and the session must still release what that operation checks out.
     */
    private Mono<Void> guardedClose(String operation, Supplier<Mono<Void>> body) {
        return whenIdle().then(guarded(operation, body))
                .retryWhen(Retry.max(1000).filter(ConcurrentUseError.class::isInstance));
    }

    /** Marks a publisher as running inside this session's current operation, so its session calls pass the guard. */
    <T> Mono<T> reentrant(Mono<T> work) {
        return work.contextWrite(Context.of(this.reentryKey, Boolean.TRUE));
    }

    private InvalidRequestError concurrentUse(String operation) {
        return new ConcurrentUseError("This session is already running " + this.busy.get() + "() and cannot start " + operation
                + "(): an AsyncSession is not safe for concurrent use. Run its operations one after another (then, concatMap), "
                + "or give each concurrent branch its own session");
    }

    private void requireIdle(String operation) {
        if (this.busy.get() != null && this.inCallback.get() == 0) {
            throw concurrentUse(operation);
        }
    }

    /** Runs an action after a publisher terminates either way, before its signal is passed on. */
    static Mono<Void> andAlways(Mono<Void> work, Runnable action) {
        return work.then(Mono.<Void>fromRunnable(action)).onErrorResume(error -> Mono.<Void>fromRunnable(action).then(Mono.error(error)));
    }

    // ---------------------------------------------------------------- events

    @Override
    public SessionEvents events() {
        return this.events;
    }

    /** Runs one listener call; while it runs, the in-memory methods accept the listener's calls. */
    Mono<Void> callback(Supplier<? extends Publisher<Void>> listener) {
        return Mono.using(this.inCallback::incrementAndGet, calls -> reentrant(Mono.from(listener.get())),
                calls -> this.inCallback.decrementAndGet());
    }

    // ---------------------------------------------------------------- objects

    @Override
    public void add(Object entity) {
        java.util.Objects.requireNonNull(entity, "entity");
        requireIdle("add");
        this.state.add(entity);
    }

    @Override
    public void addAll(Iterable<?> entities) {
        entities.forEach(entity -> java.util.Objects.requireNonNull(entity, "addAll() got a null element"));
        requireIdle("addAll");
        this.state.addAll(entities);
    }

    @Override
    public Mono<Void> delete(Object entity) {
        return guarded("delete", () -> this.queries.delete(entity));
    }

    @Override
    public <T> Mono<T> get(Class<T> type, Object id) {
        return guarded("get", () -> this.queries.get(type, id));
    }

    @Override
    public <T> Mono<T> getOne(Class<T> type, Object id) {
        return guarded("getOne", () -> this.queries.get(type, id)
                .switchIfEmpty(Mono.error(NoResultFound::new)));
    }

    @Override
    public <T> Mono<T> merge(T entity) {
        return guarded("merge", () -> this.queries.merge(entity));
    }

    @Override
    public Mono<Void> refresh(Object entity, String... attributes) {
        List<String> names = List.of(attributes);
        return guarded("refresh", () -> this.queries.refresh(entity, names));
    }

    @Override
    public <T> Mono<T> fetch(Object entity, String attribute) {
        return guarded("fetch", () -> this.queries.fetch(entity, attribute));
    }

    @Override
    public void expire(Object entity, String... attributes) {
        requireIdle("expire");
        EntityState entityState = persistentState(entity, "expire");
        this.state.expire(entityState, List.of(attributes));
    }

    @Override
    public void expireAll() {
        requireIdle("expireAll");
        for (EntityState entityState : this.state.states()) {
            if (entityState.status() == Status.PERSISTENT) {
                this.state.expire(entityState, List.of());
            }
        }
    }

    @Override
    public void expunge(Object entity) {
        requireIdle("expunge");
        this.state.expunge(entity);
    }

    @Override
    public void expungeAll() {
        requireIdle("expungeAll");
        this.state.expungeAll();
    }

    @Override
    public boolean contains(Object entity) {
        EntityState entityState = this.state.stateOf(entity);
        return entityState != null && (entityState.status() == Status.PENDING || entityState.status() == Status.PERSISTENT);
    }

    @Override
    public boolean isModified(Object entity) {
        EntityState entityState = this.state.stateOf(entity);
        if (entityState == null) {
            throw new InvalidRequestError("Instance " + entity.getClass().getSimpleName() + " is not in this session");
        }
        return UnitOfWork.isModified(entityState);
    }

    @Override
    public List<Object> newObjects() {
        return this.state.withStatus(Status.PENDING);
    }

    @Override
    public List<Object> dirty() {
        List<Object> dirty = new ArrayList<>();
        for (EntityState entityState : this.state.states()) {
            if (entityState.status() == Status.PERSISTENT && UnitOfWork.isModified(entityState)) {
                dirty.add(entityState.entity());
            }
        }
        return dirty;
    }

    @Override
    public List<Object> deleted() {
        return this.state.withStatus(Status.DELETED);
    }

    @Override
    public Map<IdentityKey, Object> identityMap() {
        return this.state.identityMap();
    }

    EntityState persistentState(Object entity, String operation) {
        EntityState entityState = this.state.stateOf(entity);
        if (entityState == null) {
            throw new DetachedInstanceError("Instance " + entity.getClass().getSimpleName() + " is not persistent in this session; "
                    + operation + "() needs an object loaded or flushed by it");
        }
        if (entityState.status() != Status.PERSISTENT) {
            throw new InvalidRequestError("Instance " + entityState + " is " + entityState.status().name().toLowerCase(java.util.Locale.ROOT)
                    + "; " + operation + "() needs a persistent object (flush it first)");
        }
        return entityState;
    }

    // ---------------------------------------------------------------- statements

    @Override
    public Mono<Result> execute(Executable statement, Map<String, ?> parameters) {
        return guarded("execute", () -> autoflush().then(this.queries.execute(statement, parameters)));
    }

    @Override
    public Mono<Result> execute(Executable statement, List<? extends Map<String, ?>> parameterSets) {
        if (statement instanceof EntitySelect<?>) {
            return Mono.error(new ArgumentError("An entity query runs with one parameter map, not a list"));
        }
        return guarded("execute", () -> autoflush().then(connectionFor(statement)).flatMap(conn -> conn.execute(statement, parameterSets)));
    }

    @Override
    public <T> Mono<ScalarResult<T>> scalars(Executable statement) {
        return execute(statement).map(Result::scalars);
    }

    @Override
    public <T> Mono<Optional<T>> scalar(Executable statement) {
        return execute(statement).flatMap(result -> Mono.justOrEmpty(result.first()))
                .map(row -> Optional.ofNullable(cast(row.get(0))));
    }

    @Override
    public Mono<AsyncResult> stream(Executable statement) {
        return guarded("stream", () -> autoflush().then(this.queries.stream(statement)));
    }

    @Override
    public <T> Mono<AsyncScalarResult<T>> streamScalars(Executable statement) {
        return stream(statement).map(AsyncResult::scalars);
    }

    @SuppressWarnings("unchecked")
    private static <T> @Nullable T cast(@Nullable Object value) {
        return (T) value;
    }

    Mono<Void> autoflush() {
        return Mono.defer(() -> this.autoflush && !this.flushing && UnitOfWork.hasChanges(this.state) ? doFlush() : Mono.empty());
    }

    // ---------------------------------------------------------------- flush and transactions

    @Override
    public Mono<Void> flush() {
        return guarded("flush", this::doFlush);
    }

    Mono<Void> doFlush() {
        return Mono.defer(() -> {
            if (this.flushing) {
                return Mono.error(new InvalidRequestError("Session is already flushing: a flush listener cannot flush; objects it "
                        + "adds in beforeFlush are part of the flush under way"));
            }
            if (this.listeners.listensToFlushes() && !UnitOfWork.hasChanges(this.state)) {
                return Mono.empty();
            }
            this.flushing = true;
            return this.listeners.fire(SessionEvents.Kind.BEFORE_FLUSH)
                    .then(Mono.defer(() -> UnitOfWork.flush(this.state, this::flushConnection, this.listeners::fireFlushEvent)))
                    .then(Mono.defer(() -> this.listeners.fire(SessionEvents.Kind.AFTER_FLUSH)))
                    .doOnSuccess(done -> this.flushing = false).doOnError(error -> this.flushing = false)
                    .doOnCancel(() -> this.flushing = false);
        }).onErrorResume(this::flushFailed)
                // A cancelled flush may have run some of its statements: like a failed one, it must be rolled back.
                .doOnCancel(() -> this.transactions.failed(new InvalidRequestError("A flush was cancelled before it finished, "
                        + "so some of its statements may have run")));
    }

    /** A failed flush rolls back its savepoint, or else the whole transaction, which must then be rolled back. */
    private Mono<Void> flushFailed(Throwable error) {
        Optional<AsyncSessionTransaction> nested = this.transactions.innermost();
        if (nested.isPresent()) {
            return rollbackNested((DefaultAsyncSessionTransaction) nested.get()).then(Mono.error(error));
        }
        Mono<Void> rollback = Flux.fromIterable(this.transactions.open()).concatMap(connection -> connection.rollback().onErrorResume(e -> {
            error.addSuppressed(e);
            return Mono.empty();
        })).then();
        return rollback.then(Mono.fromRunnable(() -> this.transactions.failed(error)))
                .then(this.listeners.fire(SessionEvents.Kind.AFTER_ROLLBACK).onErrorResume(e -> {
                    error.addSuppressed(e);
                    return Mono.empty();
                })).then(Mono.error(error));
    }

    /** The connection for {@code connection()}: the engine the resolver picks for no entity and no statement, else the default. */
    Mono<AsyncConnection> connectionMono() {
        return Mono.defer(() -> this.transactions.connection(this, bind(null, null, false), ExecutionOptions.none()));
    }

    /** The connection for a caller's statement (its entity: an entity query's, or the class mapped to a DML statement's table). */
    Mono<AsyncConnection> connectionFor(Executable statement) {
        return Mono.defer(() -> this.transactions.connection(this, bind(this.binds.entityOf(statement), statement, false),
                ExecutionOptions.none()));
    }

    /** The connection for the session's own reads about an entity class (loads, refresh, cascades). */
    Mono<AsyncConnection> connectionFor(EntityMapping<?> mapping) {
        return Mono.defer(() -> this.transactions.connection(this, bind(mapping.entityType(), null, false), ExecutionOptions.none()));
    }

    /** The connection for the flush statements about an entity class. */
    Mono<AsyncConnection> flushConnection(EntityMapping<?> mapping) {
        return Mono.defer(() -> this.transactions.connection(this, bind(mapping.entityType(), null, true), ExecutionOptions.none()));
    }

    @Override
    public AsyncEngine getBind(Class<?> entity) {
        mapping(entity);
        return bind(entity, null, false);
    }

    @Override
    public AsyncEngine getBind(Executable statement) {
        return bind(this.binds.entityOf(statement), statement, false);
    }

    AsyncEngine bind(@Nullable Class<?> entity, @Nullable Executable statement, boolean flushing) {
        return this.binds.engineFor(entity, statement, flushing);
    }

    @Override
    public Mono<Void> commit() {
        return guarded("commit", () -> this.transactions.connectionCheck().then(this.listeners.fire(SessionEvents.Kind.BEFORE_COMMIT)).then(doFlush())
                .then(this.transactions.commit())
                .then(Mono.fromRunnable(() -> this.state.afterCommit(this.options.expireOnCommit())))
                .then(this.listeners.fire(SessionEvents.Kind.AFTER_COMMIT)));
    }

    @Override
    public Mono<Void> rollback() {
        return guarded("rollback", this::doRollback);
    }

    private Mono<Void> doRollback() {
        return andAlways(this.transactions.rollback(), this.state::afterRollback).then(this.listeners.fire(SessionEvents.Kind.AFTER_ROLLBACK));
    }

    // ---------------------------------------------------------------- runSync

    @Override
    public <T> Mono<T> runSync(Function<? super SyncSession, ? extends T> block) {
        return Mono.defer(() -> {
            if (!this.busy.compareAndSet(null, "runSync")) {
                return Mono.error(concurrentUse("runSync"));
            }
            DefaultSyncSession sync = new DefaultSyncSession(this);
            Mono<T> run = SyncBridge.<T>run(() -> {
                this.syncThread = Thread.currentThread();
                try {
                    return block.apply(sync);
                } finally {
                    this.syncThread = null;
                    sync.end();
                }
            }, () -> andAlways(doRollback().onErrorResume(error -> {
                LoggerFactory.getLogger(AsyncSession.class).warn("Rolling back after a cancelled runSync failed: {}", error.toString());
                return Mono.empty();
            }), () -> release("runSync")));
            // On cancel the guard is released by the clean-up above, once the block's thread has stopped and the rollback ran.
            return run.doOnSuccess(value -> release("runSync")).doOnError(error -> release("runSync"));
        });
    }

    /** Runs an in-memory session call for a runSync block or a listener, past the guard their operation holds. */
    void asCallback(Runnable call) {
        this.inCallback.incrementAndGet();
        try {
            call.run();
        } finally {
            this.inCallback.decrementAndGet();
        }
    }

    @Override
    public boolean canLoadNow() {
        return this.syncThread == Thread.currentThread();
    }

    @Override
    public @Nullable Object loadNow(Object entity, String attribute) {
        return SyncBridge.await(reentrant(this.queries.fetch(entity, attribute)));
    }

    @Override
    public Mono<Void> close() {
        return guardedClose("close", () -> andAlways(this.transactions.close(false), this.state::expungeAll));
    }

    @Override
    public Mono<Void> invalidate() {
        return guardedClose("invalidate", () -> andAlways(this.transactions.close(true), this.state::expungeAll));
    }

    @Override
    public Mono<AsyncSessionTransaction> begin() {
        return guarded("begin", () -> this.transactions.begin(this).map(t -> (AsyncSessionTransaction) t));
    }

    @Override
    public <T> Flux<T> begin(Function<? super AsyncSession, ? extends Publisher<T>> work) {
        return scoped(begin(), work);
    }

    @Override
    public Mono<AsyncSessionTransaction> beginNested() {
        return guarded("beginNested", () -> doFlush().then(Mono.defer(() -> this.transactions.beginNested(this, bind(null, null, false),
                this.state.mark()))).map(transaction -> (AsyncSessionTransaction) transaction));
    }

    @Override
    public <T> Flux<T> beginNested(Function<? super AsyncSession, ? extends Publisher<T>> work) {
        return scoped(beginNested(), work);
    }

    /**
     * Runs work in a transaction and commits it as the work's last step (so a failing commit reaches the caller as it is,
     * and rolls back); rolls back on error and cancel.
     */
    private <T> Flux<T> scoped(Mono<AsyncSessionTransaction> start, Function<? super AsyncSession, ? extends Publisher<T>> work) {
        return Flux.usingWhen(start, transaction -> Flux.<T>from(work.apply(this))
                        .concatWith(Mono.defer(() -> transaction.isActive() ? transaction.commit() : Mono.<Void>empty()).then(Mono.empty())),
                transaction -> Mono.empty(),
                (transaction, error) -> transaction.isActive() ? transaction.rollback() : Mono.empty(),
                AsyncSessionTransaction::rollback);
    }

    Mono<Void> releaseSavepoint(DefaultAsyncSessionTransaction transaction) {
        return guarded("commit", () -> {
            if (!transaction.isActive()) {
                return Mono.error(new InvalidRequestError("This nested transaction is no longer active"));
            }
            return doFlush().then(Mono.defer(() -> transaction.isActive()
                            ? Flux.fromIterable(transaction.savepoints()).concatMap(AsyncTransaction::commit).then() : Mono.empty()))
                    .then(Mono.fromRunnable(() -> this.transactions.popNested(transaction)));
        });
    }

    Mono<Void> rollbackSavepoint(DefaultAsyncSessionTransaction transaction) {
        return guarded("rollback", () -> transaction.isActive() ? rollbackNested(transaction) : Mono.empty());
    }

    private Mono<Void> rollbackNested(DefaultAsyncSessionTransaction transaction) {
        return andAlways(Flux.fromIterable(transaction.savepoints()).concatMapDelayError(AsyncTransaction::rollback).then(), () -> {
            this.transactions.popNested(transaction);
            this.state.afterSavepointRollback(transaction.mark());
        }).then(this.listeners.fire(SessionEvents.Kind.AFTER_ROLLBACK));
    }

    @Override
    public Mono<AsyncConnection> connection() {
        return guarded("connection", this::connectionMono);
    }

    @Override
    public Mono<AsyncConnection> connection(ExecutionOptions options) {
        java.util.Objects.requireNonNull(options, "options");
        return guarded("connection", () -> this.transactions.connection(this, bind(null, null, false), options));
    }

    @Override
    public Optional<AsyncSessionTransaction> getTransaction() {
        return this.transactions.root();
    }

    @Override
    public Optional<AsyncSessionTransaction> getNestedTransaction() {
        return this.transactions.innermost();
    }

    @Override
    public boolean inTransaction() {
        return this.transactions.inTransaction();
    }

    @Override
    public boolean inNestedTransaction() {
        return this.transactions.inNested();
    }

    // ---------------------------------------------------------------- settings

    @Override
    public boolean isAutoflush() {
        return this.autoflush;
    }

    @Override
    public void setAutoflush(boolean autoflush) {
        this.autoflush = autoflush;
    }

    @Override
    public <T> Flux<T> noAutoflush(Function<? super AsyncSession, ? extends Publisher<T>> work) {
        return Flux.usingWhen(Mono.fromCallable(() -> {
            boolean previous = this.autoflush;
            this.autoflush = false;
            return previous;
        }), previous -> work.apply(this), previous -> Mono.fromRunnable(() -> this.autoflush = previous),
                (previous, error) -> Mono.fromRunnable(() -> this.autoflush = previous),
                previous -> Mono.fromRunnable(() -> this.autoflush = previous));
    }

    @Override
    public Map<String, Object> info() {
        return this.info;
    }

    SessionState state() {
        return this.state;
    }

    SessionListeners listeners() {
        return this.listeners;
    }

    EntityMapping<?> mapping(Class<?> type) {
        return this.options.registry().mapping(type);
    }

    @Override
    public String toString() {
        return "AsyncSession[" + this.state.states().size() + " objects" + (inTransaction() ? ", in transaction]" : "]");
    }

    /** Overlapping use of a session; closing operations wait and retry instead. */
    private static final class ConcurrentUseError extends InvalidRequestError {

        private static final long serialVersionUID = 1L;

        ConcurrentUseError(String message) {
            super(message);
        }
    }
}
