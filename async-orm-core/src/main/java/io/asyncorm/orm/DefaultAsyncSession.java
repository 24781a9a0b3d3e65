package io.asyncorm.orm;

import io.asyncorm.engine.AsyncConnection;
import io.asyncorm.engine.AsyncEngine;
import io.asyncorm.engine.ExecutionOptions;
import io.asyncorm.exception.ArgumentError;
import io.asyncorm.exception.NoResultFound;
import io.asyncorm.internal.Steps;
import io.asyncorm.orm.internal.EntityState.Status;
import io.asyncorm.orm.internal.EntityState;
import io.asyncorm.orm.internal.SessionState;
import io.asyncorm.orm.internal.UnitOfWork;
import io.asyncorm.orm.mapping.IdentityKey;
import io.asyncorm.result.AsyncResult;
import io.asyncorm.result.AsyncScalarResult;
import io.asyncorm.result.Result;
import io.asyncorm.result.ScalarResult;
import io.asyncorm.sql.Executable;
import io.asyncorm.sql.Select;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The session: the public methods, each passed through the overlapping-use guard ({@link SessionGuard})
 * and handed down to the part that does it: the identity map and object lifecycle ({@link SessionState}),
 * queries and loads ({@link SessionQueries}), the flush ({@link SessionFlush}), connections and
 * transactions ({@link SessionConnections}, {@link SessionTransactions}), events ({@link SessionListeners})
 * and runSync blocks ({@link SessionRunSync}). None of them calls back up into this class.
 */
final class DefaultAsyncSession implements AsyncSession {

    private final SessionOptions options;

    private final SessionGuard guard = new SessionGuard();

    private final SessionEvents events = new SessionEvents();

    private final SessionState state;

    private final SessionTransactions transactions;

    private final SessionConnections connections;

    private final SessionListeners listeners;

    private final SessionFlush flusher;

    private final SessionQueries queries;

    private final SessionRunSync blocks;

    private final SessionCommits commits;

    /** Made on the first {@link #info()} call: most sessions never use it. */
    private volatile @Nullable Map<String, Object> info;

    private volatile boolean autoflush;

    /** This session's entry in {@link OpenSessions} while it is enrolled there (from its first use until it closes). */
    private volatile OpenSessions.@Nullable Enrollment enrolled;

    DefaultAsyncSession(SessionOptions options, SessionEvents makerEvents) {
        this.options = options;
        this.autoflush = options.autoflush();
        this.blocks = new SessionRunSync(this.guard, this::load);
        this.state = new SessionState(this.blocks, options.registry()::mapping);
        this.transactions = new SessionTransactions((nested, mark) -> new DefaultAsyncSessionTransaction(this, nested, mark),
                new SessionTransactions.Observer() {

                    @Override
                    public Mono<Void> on(SessionEvents.Kind kind, AsyncSessionTransaction transaction, @Nullable AsyncConnection connection) {
                        return DefaultAsyncSession.this.listeners.fireNow(kind, transaction, connection);
                    }

                    @Override
                    public boolean listens(SessionEvents.Kind kind) {
                        return DefaultAsyncSession.this.listeners.listens(kind);
                    }
                }, options.connection(), options.joinMode());
        this.connections = new SessionConnections(new SessionBinds(options, this.transactions::holds, this::info), this.transactions);
        this.listeners = new SessionListeners(this, makerEvents, this.events, this.guard, this.connections, this.state,
                options.registry());
        this.flusher = new SessionFlush(this.state, this.transactions, this.connections, this.listeners, () -> this.autoflush);
        this.queries = new SessionQueries(this.state, this.connections, this.listeners, this.flusher, options.registry());
        this.commits = new SessionCommits(this.state, this.transactions, this.flusher, this.listeners, options.expireOnCommit());
    }

    /** Loads an attribute for a runSync block's implicit load. */
    private Mono<Object> load(Object entity, String attribute) {
        return this.queries.fetch(entity, attribute);
    }

    /** Runs an operation through the guard, with the load events of the objects it creates from rows. */
    private <T> Mono<T> guarded(String operation, Supplier<Mono<T>> body) {
        return this.guard.run(operation, () -> {
            enroll();
            return this.listeners.withLoadEvents(body.get());
        });
    }

    /** For a runSync block's waits: marks work as part of the block's operation. */
    <T> Mono<T> reentrant(Mono<T> work) {
        return this.guard.reentrant(work);
    }

    private void enroll() {
        if (this.enrolled == null) {
            synchronized (this) {
                if (this.enrolled == null) {
                    this.enrolled = OpenSessions.enroll(this);
                }
            }
        }
    }

    private synchronized void leave() {
        OpenSessions.Enrollment enrollment = this.enrolled;
        if (enrollment != null) {
            OpenSessions.leave(enrollment);
            this.enrolled = null;
        }
    }

    @Override
    public SessionEvents events() {
        return this.events;
    }

    // ---------------------------------------------------------------- objects in memory

    @Override
    public void add(Object entity) {
        Objects.requireNonNull(entity, "entity");
        this.guard.requireIdle("add");
        enroll();
        this.state.add(entity);
    }

    @Override
    public void addAll(Iterable<?> entities) {
        entities.forEach(entity -> Objects.requireNonNull(entity, "addAll() got a null element"));
        this.guard.requireIdle("addAll");
        enroll();
        this.state.addAll(entities);
    }

    @Override
    public void expire(Object entity, String... attributes) {
        this.guard.requireIdle("expire");
        this.state.expire(this.queries.persistentState(entity, "expire"), List.of(attributes));
    }

    @Override
    public void expireAll() {
        this.guard.requireIdle("expireAll");
        for (EntityState entityState : this.state.states()) {
            if (entityState.status() == Status.PERSISTENT) {
                this.state.expire(entityState, List.of());
            }
        }
    }

    @Override
    public void expunge(Object entity) {
        this.guard.requireIdle("expunge");
        this.state.expunge(entity);
    }

    @Override
    public void expungeAll() {
        this.guard.requireIdle("expungeAll");
        this.state.expungeAll();
    }

    @Override
    public boolean contains(Object entity) {
        EntityState entityState = this.state.stateOf(entity);
        return entityState != null && (entityState.status() == Status.PENDING || entityState.status() == Status.PERSISTENT);
    }

    @Override
    public boolean isModified(Object entity) {
        return UnitOfWork.isModified(this.state, entity);
    }

    @Override
    public List<Object> newObjects() {
        return this.state.withStatus(Status.PENDING);
    }

    @Override
    public List<Object> dirty() {
        return UnitOfWork.dirty(this.state);
    }

    @Override
    public List<Object> deleted() {
        return this.state.withStatus(Status.DELETED);
    }

    @Override
    public Map<IdentityKey, Object> identityMap() {
        return this.state.identityMap();
    }

    @Override
    public List<Object> objects() {
        List<Object> all = new ArrayList<>(this.state.withStatus(Status.PENDING));
        all.addAll(this.state.identityMap().values());
        return all;
    }

    @Override
    public Optional<AsyncEngine> bind() {
        return Optional.ofNullable(this.options.engine());
    }

    // ---------------------------------------------------------------- objects with I/O

    @Override
    public Mono<Void> delete(Object entity) {
        return guarded("delete", () -> this.queries.delete(entity));
    }

    @Override
    public <T> Mono<T> get(Class<T> type, Object id) {
        return guarded("get", () -> this.queries.get(type, id));
    }

    @Override
    public <T> Mono<T> get(Class<T> type, Object id, UnaryOperator<EntitySelect<T>> load) {
        return guarded("get", () -> this.queries.get(type, id, load));
    }

    @Override
    public <T> Mono<T> getOne(Class<T> type, Object id) {
        return guarded("getOne", () -> this.queries.get(type, id).switchIfEmpty(Mono.error(NoResultFound::new)));
    }

    @Override
    public <T> Mono<T> merge(T entity) {
        return guarded("merge", () -> this.queries.merge(entity));
    }

    @Override
    public <T> Mono<T> merge(T entity, boolean load) {
        return load ? merge(entity) : guarded("merge", () -> this.queries.mergeWithoutLoad(entity));
    }

    @Override
    public Mono<Void> refresh(Object entity, String... attributes) {
        List<String> names = List.of(attributes);
        return guarded("refresh", () -> this.queries.refresh(entity, names, null));
    }

    @Override
    public Mono<Void> refresh(Object entity, Select.Lock lock, String... attributes) {
        Objects.requireNonNull(lock, "lock");
        List<String> names = List.of(attributes);
        return guarded("refresh", () -> this.queries.refresh(entity, names, lock));
    }

    @Override
    public <T> Mono<T> fetch(Object entity, String attribute) {
        return guarded("fetch", () -> this.queries.fetch(entity, attribute));
    }

    @Override
    public Mono<Void> flush() {
        return guarded("flush", this.flusher::flushNow);
    }

    // ---------------------------------------------------------------- statements

    @Override
    public Mono<Result> execute(Executable statement, Map<String, ?> parameters, ExecutionOptions options) {
        return guarded("execute", () -> Steps.then(this.flusher.autoflushNow(),
                () -> this.queries.execute(statement, parameters, options)));
    }

    @Override
    public Mono<Result> execute(Executable statement, List<? extends Map<String, ?>> parameterSets) {
        if (statement instanceof EntitySelect<?>) {
            return Mono.error(new ArgumentError("An entity query runs with one parameter map, not a list"));
        }
        return guarded("execute", () -> Steps.then(this.flusher.autoflushNow(), () -> this.connections.ofNow(statement))
                .flatMap(conn -> conn.execute(statement, parameterSets)));
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
        return guarded("stream", () -> Steps.then(this.flusher.autoflushNow(), () -> this.queries.stream(statement)));
    }

    @Override
    public <T> Mono<AsyncScalarResult<T>> streamScalars(Executable statement) {
        return stream(statement).map(AsyncResult::scalars);
    }

    @SuppressWarnings("unchecked")
    private static <T> @Nullable T cast(@Nullable Object value) {
        return (T) value;
    }

    // ---------------------------------------------------------------- transactions

    @Override
    public Mono<Void> commit() {
        return guarded("commit", this.commits::commit);
    }

    @Override
    public Mono<Void> rollback() {
        return guarded("rollback", this.commits::rollback);
    }

    @Override
    public Mono<Void> close() {
        return this.guard.runClosing("close", () -> this.transactions.close(false, this::expungeAndLeave));
    }

    @Override
    public Mono<Void> invalidate() {
        return this.guard.runClosing("invalidate", () -> this.transactions.close(true, this::expungeAndLeave));
    }

    private void expungeAndLeave() {
        this.state.expungeAll();
        leave();
    }

    @Override
    public Mono<AsyncSessionTransaction> begin() {
        // A transaction handle is read, never written through the Mono's type: widening it needs no operator.
        @SuppressWarnings("unchecked")
        Mono<AsyncSessionTransaction> begun = (Mono<AsyncSessionTransaction>) (Mono<? extends AsyncSessionTransaction>) guarded("begin",
                this.transactions::beginNow);
        return begun;
    }

    @Override
    public <T> Flux<T> begin(Function<? super AsyncSession, ? extends Publisher<T>> work) {
        return this.commits.transactionBlock(begin(), () -> work.apply(this));
    }

    @Override
    public Mono<AsyncSessionTransaction> beginNested() {
        return guarded("beginNested", () -> this.flusher.flush().then(Mono.defer(() -> this.transactions.beginNested(
                this.connections.engine(null, null, false), this.state.mark()))).map(transaction -> (AsyncSessionTransaction) transaction));
    }

    @Override
    public <T> Flux<T> beginNested(Function<? super AsyncSession, ? extends Publisher<T>> work) {
        return this.commits.transactionBlock(beginNested(), () -> work.apply(this));
    }

    /** A savepoint handle's commit. */
    Mono<Void> releaseSavepoint(DefaultAsyncSessionTransaction transaction) {
        return guarded("commit", () -> this.commits.releaseSavepoint(transaction));
    }

    /** A savepoint handle's rollback. */
    Mono<Void> rollbackSavepoint(DefaultAsyncSessionTransaction transaction) {
        return guarded("rollback", () -> transaction.isActive() ? this.flusher.rollbackSavepoint(transaction) : Mono.empty());
    }

    /**
     * A transaction block's rollback after a cancel: the transaction's own rollback, once the operation still holding
     * the guard has ended (it then passes the guard as work inside this closing operation).
     */
    Mono<Void> rollbackAfterCancel(AsyncSessionTransaction transaction) {
        return this.guard.runClosing("rollback", transaction::rollback);
    }

    @Override
    public Mono<AsyncConnection> connection() {
        return connection(ExecutionOptions.none());
    }

    @Override
    public Mono<AsyncConnection> connection(ExecutionOptions options) {
        Objects.requireNonNull(options, "options");
        return guarded("connection", () -> this.connections.ofSession(options));
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
    public boolean isActive() {
        return !this.transactions.rolledBackByFailedFlush();
    }

    @Override
    public boolean inNestedTransaction() {
        return this.transactions.inNested();
    }

    @Override
    public AsyncEngine getBind(Class<?> entity) {
        this.options.registry().mapping(entity);
        return this.connections.engine(entity, null, false);
    }

    @Override
    public AsyncEngine getBind(Executable statement) {
        return this.connections.engine(statement);
    }

    // ---------------------------------------------------------------- blocks and settings

    @Override
    public <T> Mono<T> runSync(Function<? super SyncSession, ? extends T> block) {
        return Mono.defer(() -> this.blocks.run(new DefaultSyncSession(this), block, this.commits::rollback));
    }

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
        Map<String, Object> made = this.info;
        if (made == null) {
            synchronized (this) {
                made = this.info;
                if (made == null) {
                    made = Collections.synchronizedMap(new HashMap<>(this.options.info()));
                    this.info = made;
                }
            }
        }
        return made;
    }

    @Override
    public String toString() {
        return "AsyncSession[" + this.state.states().size() + " objects" + (inTransaction() ? ", in transaction]" : "]");
    }
}
