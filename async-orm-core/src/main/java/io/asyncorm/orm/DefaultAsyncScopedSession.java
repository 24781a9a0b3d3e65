package io.asyncorm.orm;

import io.asyncorm.engine.AsyncConnection;
import io.asyncorm.engine.AsyncEngine;
import io.asyncorm.engine.ExecutionOptions;
import io.asyncorm.exception.InvalidRequestError;
import io.asyncorm.orm.mapping.IdentityKey;
import io.asyncorm.result.AsyncResult;
import io.asyncorm.result.AsyncScalarResult;
import io.asyncorm.result.Result;
import io.asyncorm.result.ScalarResult;
import io.asyncorm.sql.Executable;
import io.asyncorm.sql.Select;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/** The scoped session: a concurrent registry from scope key to session; every method resolves the scope first. */
final class DefaultAsyncScopedSession implements AsyncScopedSession {

    private static final Logger LOG = LoggerFactory.getLogger(AsyncScopedSession.class);

    private final AsyncSessionMaker maker;

    private final ScopeFunction scopeFunction;

    private final Map<Object, AsyncSession> registry = new ConcurrentHashMap<>();

    DefaultAsyncScopedSession(AsyncSessionMaker maker, ScopeFunction scopeFunction) {
        this.maker = java.util.Objects.requireNonNull(maker, "maker");
        this.scopeFunction = java.util.Objects.requireNonNull(scopeFunction,
                "scopeFunction: a scoped session needs one (there is no thread-local default); use ScopeFunction.contextValue()");
    }

    private Object key(ContextView context) {
        Object key = this.scopeFunction.key(context);
        if (key == null) {
            throw new InvalidRequestError("No scope in the Reactor context: the scoped session's ScopeFunction found no key. Write one "
                    + "below the pipeline, e.g. .contextWrite(ScopeFunction.newScope()) for ScopeFunction.contextValue(), or let the "
                    + "web filter open a scope per request");
        }
        return key;
    }

    @Override
    public AsyncSessionMaker sessionFactory() {
        return this.maker;
    }

    /**
     * The end of one {@link #inScope} run: once its work is over, the scope's session is removed and no new
     * one may be created in it (a late step of cancelled work would otherwise create a session nobody removes).
     */
    private static final class ScopeEnd {
        boolean ended;
    }

    @Override
    public Mono<AsyncSession> current() {
        return Mono.deferContextual(context -> {
            Object key = key(context);
            ScopeEnd end = context.getOrDefault(this, null);
            if (end == null) {
                return Mono.just(this.registry.computeIfAbsent(key, k -> this.maker.create()));
            }
            synchronized (end) {
                if (end.ended) {
                    return Mono.error(new InvalidRequestError("This scope has ended (its inScope work finished or was cancelled); "
                            + "its scoped session cannot be used any more"));
                }
                return Mono.just(this.registry.computeIfAbsent(key, k -> this.maker.create()));
            }
        });
    }

    @Override
    public Mono<AsyncSession> current(Function<AsyncSessionMaker.Builder, AsyncSessionMaker.Builder> overrides) {
        return Mono.deferContextual(context -> {
            Object key = key(context);
            if (this.registry.containsKey(key)) {
                return Mono.error(new InvalidRequestError("Scoped session is already present; no new arguments may be specified."));
            }
            AsyncSession created = this.maker.create(overrides);
            AsyncSession present = this.registry.putIfAbsent(key, created);
            return present == null ? Mono.just(created)
                    : Mono.error(new InvalidRequestError("Scoped session is already present; no new arguments may be specified."));
        });
    }

    @Override
    public Mono<Boolean> hasSession() {
        return Mono.deferContextual(context -> Mono.just(this.registry.containsKey(key(context))));
    }

    @Override
    public Mono<Void> remove() {
        return Mono.deferContextual(context -> close(this.registry.remove(key(context))));
    }

    /** Closes a session already dropped from the registry. */
    private static Mono<Void> close(@Nullable AsyncSession session) {
        return session == null ? Mono.empty() : session.close();
    }

    @Override
    public <T> Flux<T> inScope(Publisher<T> work) {
        return Flux.usingWhen(Mono.fromSupplier(ScopeEnd::new), end -> Flux.from(work).contextWrite(context -> context.put(this, end)),
                this::end, (end, error) -> end(end), this::end);
    }

    /** Ends an inScope run: no session may be created in it from now on, and the one it has is removed and closed. */
    private Mono<Void> end(ScopeEnd end) {
        return Mono.deferContextual(context -> {
            Object key = key(context);
            AsyncSession session;
            synchronized (end) {
                end.ended = true;
                session = this.registry.remove(key);
            }
            return close(session);
        });
    }

    @Override
    public void configure(Function<AsyncSessionMaker.Builder, AsyncSessionMaker.Builder> changes) {
        if (!this.registry.isEmpty()) {
            LOG.warn("At least one scoped session is already present.  configure() can not affect sessions that have already been "
                    + "created.");
        }
        this.maker.configure(changes);
    }

    @Override
    public int size() {
        return this.registry.size();
    }

    @Override
    public String toString() {
        return "AsyncScopedSession[" + this.registry.size() + " scopes, " + this.maker + "]";
    }

    @Override
    public Mono<Void> add(Object entity) {
        return current().doOnNext(session -> session.add(entity)).then();
    }

    @Override
    public Mono<Void> addAll(Iterable<?> entities) {
        return current().doOnNext(session -> session.addAll(entities)).then();
    }

    @Override
    public Mono<Void> delete(Object entity) {
        return current().flatMap(session -> session.delete(entity));
    }

    @Override
    public <T> Mono<T> get(Class<T> type, Object id) {
        return current().flatMap(session -> session.get(type, id));
    }

    @Override
    public <T> Mono<T> get(Class<T> type, Object id, UnaryOperator<EntitySelect<T>> load) {
        return current().flatMap(session -> session.get(type, id, load));
    }

    @Override
    public <T> Mono<T> getOne(Class<T> type, Object id) {
        return current().flatMap(session -> session.getOne(type, id));
    }

    @Override
    public <T> Mono<T> merge(T entity) {
        return current().flatMap(session -> session.merge(entity));
    }

    @Override
    public <T> Mono<T> merge(T entity, boolean load) {
        return current().flatMap(session -> session.merge(entity, load));
    }

    @Override
    public Mono<Void> refresh(Object entity, String... attributes) {
        return current().flatMap(session -> session.refresh(entity, attributes));
    }

    @Override
    public Mono<Void> refresh(Object entity, Select.Lock lock, String... attributes) {
        return current().flatMap(session -> session.refresh(entity, lock, attributes));
    }

    @Override
    public <T> Mono<T> fetch(Object entity, String attribute) {
        return current().flatMap(session -> session.fetch(entity, attribute));
    }

    @Override
    public Mono<Void> expire(Object entity, String... attributes) {
        return current().doOnNext(session -> session.expire(entity, attributes)).then();
    }

    @Override
    public Mono<Void> expireAll() {
        return current().doOnNext(session -> session.expireAll()).then();
    }

    @Override
    public Mono<Void> expunge(Object entity) {
        return current().doOnNext(session -> session.expunge(entity)).then();
    }

    @Override
    public Mono<Void> expungeAll() {
        return current().doOnNext(session -> session.expungeAll()).then();
    }

    @Override
    public Mono<Boolean> contains(Object entity) {
        return current().map(session -> session.contains(entity));
    }

    @Override
    public Mono<Boolean> isModified(Object entity) {
        return current().map(session -> session.isModified(entity));
    }

    @Override
    public Mono<List<Object>> newObjects() {
        return current().map(session -> session.newObjects());
    }

    @Override
    public Mono<List<Object>> dirty() {
        return current().map(session -> session.dirty());
    }

    @Override
    public Mono<List<Object>> deleted() {
        return current().map(session -> session.deleted());
    }

    @Override
    public Mono<Map<IdentityKey, Object>> identityMap() {
        return current().map(session -> session.identityMap());
    }

    @Override
    public Mono<List<Object>> objects() {
        return current().map(AsyncSession::objects);
    }

    @Override
    public Mono<Optional<AsyncEngine>> bind() {
        return current().map(AsyncSession::bind);
    }

    @Override
    public Mono<Void> flush() {
        return current().flatMap(session -> session.flush());
    }

    @Override
    public Mono<Void> commit() {
        return current().flatMap(session -> session.commit());
    }

    @Override
    public Mono<Void> rollback() {
        return current().flatMap(session -> session.rollback());
    }

    @Override
    public Mono<Void> close() {
        return current().flatMap(session -> session.close());
    }

    @Override
    public Mono<Void> invalidate() {
        return current().flatMap(session -> session.invalidate());
    }

    @Override
    public Mono<Result> execute(Executable statement) {
        return current().flatMap(session -> session.execute(statement));
    }

    @Override
    public Mono<Result> execute(Executable statement, Map<String, ?> parameters, ExecutionOptions options) {
        return current().flatMap(session -> session.execute(statement, parameters, options));
    }

    @Override
    public Mono<Result> execute(Executable statement, List<? extends Map<String, ?>> parameterSets) {
        return current().flatMap(session -> session.execute(statement, parameterSets));
    }

    @Override
    public <T> Mono<ScalarResult<T>> scalars(Executable statement) {
        return current().flatMap(session -> session.scalars(statement));
    }

    @Override
    public <T> Mono<List<T>> list(EntitySelect<T> statement) {
        return current().flatMap(session -> session.list(statement));
    }

    @Override
    public <T> Mono<Optional<T>> scalar(Executable statement) {
        return current().flatMap(session -> session.scalar(statement));
    }

    @Override
    public Mono<AsyncResult> stream(Executable statement) {
        return current().flatMap(session -> session.stream(statement));
    }

    @Override
    public <T> Mono<AsyncScalarResult<T>> streamScalars(Executable statement) {
        return current().flatMap(session -> session.streamScalars(statement));
    }

    @Override
    public Mono<AsyncSessionTransaction> begin() {
        return current().flatMap(session -> session.begin());
    }

    @Override
    public <T> Flux<T> begin(Function<? super AsyncSession, ? extends Publisher<T>> work) {
        return current().flatMapMany(session -> session.begin(work));
    }

    @Override
    public Mono<AsyncSessionTransaction> beginNested() {
        return current().flatMap(session -> session.beginNested());
    }

    @Override
    public <T> Flux<T> beginNested(Function<? super AsyncSession, ? extends Publisher<T>> work) {
        return current().flatMapMany(session -> session.beginNested(work));
    }

    @Override
    public Mono<AsyncConnection> connection() {
        return current().flatMap(session -> session.connection());
    }

    @Override
    public Mono<AsyncConnection> connection(ExecutionOptions options) {
        return current().flatMap(session -> session.connection(options));
    }

    @Override
    public Mono<Optional<AsyncSessionTransaction>> getTransaction() {
        return current().map(session -> session.getTransaction());
    }

    @Override
    public Mono<Boolean> inTransaction() {
        return current().map(session -> session.inTransaction());
    }

    @Override
    public Mono<Boolean> isActive() {
        return current().map(AsyncSession::isActive);
    }

    @Override
    public Mono<AsyncEngine> getBind(Class<?> entity) {
        return current().map(session -> session.getBind(entity));
    }

    @Override
    public Mono<Map<String, Object>> info() {
        return current().map(session -> session.info());
    }

    @Override
    public Mono<SessionEvents> events() {
        return current().map(session -> session.events());
    }

    @Override
    public <T> Flux<T> noAutoflush(Function<? super AsyncSession, ? extends Publisher<T>> work) {
        return current().flatMapMany(session -> session.noAutoflush(work));
    }

    @Override
    public <T> Mono<T> runSync(Function<? super SyncSession, ? extends T> block) {
        return current().flatMap(session -> session.runSync(block));
    }

    @Override
    public Mono<Boolean> isAutoflush() {
        return current().map(AsyncSession::isAutoflush);
    }

    @Override
    public Mono<Void> setAutoflush(boolean autoflush) {
        return current().doOnNext(session -> session.setAutoflush(autoflush)).then();
    }

    @Override
    public Mono<Optional<AsyncSessionTransaction>> getNestedTransaction() {
        return current().map(AsyncSession::getNestedTransaction);
    }

    @Override
    public Mono<Boolean> inNestedTransaction() {
        return current().map(AsyncSession::inNestedTransaction);
    }

    @Override
    public Mono<AsyncEngine> getBind(Executable statement) {
        return current().map(session -> session.getBind(statement));
    }
}
