package io.asyncorm.orm;

import io.asyncorm.orm.mapping.IdentityKey;
import io.asyncorm.engine.AsyncConnection;
import io.asyncorm.engine.AsyncEngine;
import io.asyncorm.engine.ExecutionOptions;
import io.asyncorm.result.AsyncResult;
import io.asyncorm.result.AsyncScalarResult;
import io.asyncorm.result.Result;
import io.asyncorm.result.ScalarResult;
import io.asyncorm.sql.Executable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One {@link AsyncSession} per scope, the scope read from the Reactor context by a {@link ScopeFunction}:
 * SQLAlchemy's {@code async_scoped_session}, without ThreadLocal. Every session method has a deferred
 * version here that looks up (or creates) the scope's session inside the subscription, so the same
 * pipeline always reaches the same session and concurrent pipelines with different keys never share one.
 * {@link #remove()} closes the scope's session and drops it from the registry; run the work through
 * {@link #inScope} and that happens on completion, error and cancel, so nothing is left behind.
 *
 * <pre>{@code
 * AsyncScopedSession scoped = AsyncScopedSession.of(maker, ScopeFunction.contextValue());
 * Flux<Void> request = scoped.inScope(scoped.add(order).then(scoped.commit()))
 *         .contextWrite(ScopeFunction.newScope());
 * }</pre>
 *
 * <p>The scope's session is not safe for concurrent use: within one scope, run its operations one after
 * another. Safe for concurrent use across scopes.
 */
public interface AsyncScopedSession {

    /**
     * A scoped session over a maker.
     *
     * @param maker the maker that creates each scope's session
     * @param scopeFunction how a subscription's scope key is read from its context (required: there is no thread default)
     * @return the scoped session
     */
    static AsyncScopedSession of(AsyncSessionMaker maker, ScopeFunction scopeFunction) {
        return new DefaultAsyncScopedSession(maker, scopeFunction);
    }

    /**
     * The maker, for sessions outside any scope.
     *
     * @return the maker
     */
    AsyncSessionMaker sessionFactory();

    /**
     * The scope's session, created on first use in the scope.
     *
     * @return the session
     * @throws io.asyncorm.exception.InvalidRequestError (as the Mono's error) when the context holds no scope
     */
    Mono<AsyncSession> current();

    /**
     * Creates the scope's session with some settings changed for it; fails if the scope already has one.
     *
     * @param overrides a function of a builder holding the maker's settings
     * @return the session
     */
    Mono<AsyncSession> current(Function<AsyncSessionMaker.Builder, AsyncSessionMaker.Builder> overrides);

    /**
     * Whether the scope has a session.
     *
     * @return whether it has
     */
    Mono<Boolean> hasSession();

    /**
     * Closes the scope's session (if any) and drops it from the registry; the scope's next use creates a
     * new one. Other scopes are untouched. The entry is dropped even when closing fails.
     *
     * @return completes when done
     */
    Mono<Void> remove();

    /**
     * Runs work and then removes the scope's session, on completion, error and cancel.
     *
     * @param work the work, subscribed in the caller's scope
     * @param <T> the element type
     * @return the work's elements
     */
    <T> Flux<T> inScope(Publisher<T> work);

    /**
     * Changes the maker's settings for sessions created from now on; logs a warning when some scope already
     * has a session, which keeps its settings.
     *
     * @param changes a function of a builder holding the current settings
     */
    void configure(Function<AsyncSessionMaker.Builder, AsyncSessionMaker.Builder> changes);

    /**
     * How many scopes have a session now (for leak checks and metrics).
     *
     * @return the number of registry entries
     */
    int size();

    /**
     * Adds an object to the scope's session ({@link AsyncSession#add}).
     *
     * @param entity the object
     * @return completes when done
     */
    Mono<Void> add(Object entity);

    /**
     * Adds objects to the scope's session ({@link AsyncSession#addAll}).
     *
     * @param entities the objects
     * @return completes when done
     */
    Mono<Void> addAll(Iterable<?> entities);

    /**
     * Marks an object deleted ({@link AsyncSession#delete}).
     *
     * @param entity the object
     * @return completes when done
     */
    Mono<Void> delete(Object entity);

    /**
     * Loads an object by primary key ({@link AsyncSession#get}).
     *
     * @param type the entity class
     * @param id the key
     * @param <T> the entity type
     * @return the result, resolved inside the subscription
     */
    <T> Mono<T> get(Class<T> type, Object id);

    /**
     * Loads an object by primary key or fails ({@link AsyncSession#getOne}).
     *
     * @param type the entity class
     * @param id the key
     * @param <T> the entity type
     * @return the result, resolved inside the subscription
     */
    <T> Mono<T> getOne(Class<T> type, Object id);

    /**
     * Merges an object's state ({@link AsyncSession#merge}).
     *
     * @param entity the object
     * @param <T> the entity type
     * @return the result, resolved inside the subscription
     */
    <T> Mono<T> merge(T entity);

    /**
     * Reloads attributes of an object ({@link AsyncSession#refresh}).
     *
     * @param entity the object
     * @param attributes the attributes, none for all columns
     * @return completes when done
     */
    Mono<Void> refresh(Object entity, String... attributes);

    /**
     * Loads one attribute of an object ({@link AsyncSession#fetch}).
     *
     * @param entity the object
     * @param attribute the attribute
     * @param <T> the value type
     * @return the result, resolved inside the subscription
     */
    <T> Mono<T> fetch(Object entity, String attribute);

    /**
     * Expires attributes of an object ({@link AsyncSession#expire}).
     *
     * @param entity the object
     * @param attributes the attributes, none for all
     * @return completes when done
     */
    Mono<Void> expire(Object entity, String... attributes);

    /**
     * Expires every object ({@link AsyncSession#expireAll}).
     *
     * @return completes when done
     */
    Mono<Void> expireAll();

    /**
     * Removes an object from the session ({@link AsyncSession#expunge}).
     *
     * @param entity the object
     * @return completes when done
     */
    Mono<Void> expunge(Object entity);

    /**
     * Removes every object from the session ({@link AsyncSession#expungeAll}).
     *
     * @return completes when done
     */
    Mono<Void> expungeAll();

    /**
     * Whether an object is pending or persistent in the scope's session.
     *
     * @param entity the object
     * @return the result, resolved inside the subscription
     */
    Mono<Boolean> contains(Object entity);

    /**
     * Whether an object has changes to flush ({@link AsyncSession#isModified}).
     *
     * @param entity the object
     * @return the result, resolved inside the subscription
     */
    Mono<Boolean> isModified(Object entity);

    /**
     * The pending objects.
     *
     * @return the result, resolved inside the subscription
     */
    Mono<List<Object>> newObjects();

    /**
     * The modified persistent objects.
     *
     * @return the result, resolved inside the subscription
     */
    Mono<List<Object>> dirty();

    /**
     * The objects marked deleted.
     *
     * @return the result, resolved inside the subscription
     */
    Mono<List<Object>> deleted();

    /**
     * The scope's session's identity map.
     *
     * @return the result, resolved inside the subscription
     */
    Mono<Map<IdentityKey, Object>> identityMap();

    /**
     * Flushes the scope's session.
     *
     * @return completes when done
     */
    Mono<Void> flush();

    /**
     * Commits the scope's session ({@link AsyncSession#commit}).
     *
     * @return completes when done
     */
    Mono<Void> commit();

    /**
     * Rolls back the scope's session.
     *
     * @return completes when done
     */
    Mono<Void> rollback();

    /**
     * Closes the scope's session but keeps it in the registry (it can be used again); {@link #remove()} also drops it.
     *
     * @return completes when done
     */
    Mono<Void> close();

    /**
     * Closes the scope's session discarding its connections.
     *
     * @return completes when done
     */
    Mono<Void> invalidate();

    /**
     * Runs a statement, buffered ({@link AsyncSession#execute(Executable)}).
     *
     * @param statement the statement
     * @return the result, resolved inside the subscription
     */
    Mono<Result> execute(Executable statement);

    /**
     * Runs a statement with parameters.
     *
     * @param statement the statement
     * @param parameters the parameters
     * @return the result, resolved inside the subscription
     */
    Mono<Result> execute(Executable statement, Map<String, ?> parameters);

    /**
     * Runs a statement once per parameter set (executemany).
     *
     * @param statement the statement
     * @param parameterSets the parameter sets
     * @return the result, resolved inside the subscription
     */
    Mono<Result> execute(Executable statement, List<? extends Map<String, ?>> parameterSets);

    /**
     * Runs a statement and returns its first column.
     *
     * @param statement the statement
     * @param <T> the column type
     * @return the result, resolved inside the subscription
     */
    <T> Mono<ScalarResult<T>> scalars(Executable statement);

    /**
     * Runs an entity query and returns its objects.
     *
     * @param statement the query
     * @param <T> the entity type
     * @return the result, resolved inside the subscription
     */
    <T> Mono<List<T>> list(EntitySelect<T> statement);

    /**
     * Runs a statement and returns the first column of its first row.
     *
     * @param statement the statement
     * @param <T> the column type
     * @return the result, resolved inside the subscription
     */
    <T> Mono<Optional<T>> scalar(Executable statement);

    /**
     * Streams a statement's rows ({@link AsyncSession#stream}).
     *
     * @param statement the statement
     * @return the result, resolved inside the subscription
     */
    Mono<AsyncResult> stream(Executable statement);

    /**
     * Streams a statement's first column.
     *
     * @param statement the statement
     * @param <T> the column type
     * @return the result, resolved inside the subscription
     */
    <T> Mono<AsyncScalarResult<T>> streamScalars(Executable statement);

    /**
     * Begins the scope's session's transaction.
     *
     * @return the result, resolved inside the subscription
     */
    Mono<AsyncSessionTransaction> begin();

    /**
     * Runs work in a transaction of the scope's session: commit, or rollback on error or cancel.
     *
     * @param work the work
     * @param <T> the element type
     * @return the result, resolved inside the subscription
     */
    <T> Flux<T> begin(Function<? super AsyncSession, ? extends Publisher<T>> work);

    /**
     * Sets a savepoint.
     *
     * @return the result, resolved inside the subscription
     */
    Mono<AsyncSessionTransaction> beginNested();

    /**
     * Runs work in a savepoint of the scope's session.
     *
     * @param work the work
     * @param <T> the element type
     * @return the result, resolved inside the subscription
     */
    <T> Flux<T> beginNested(Function<? super AsyncSession, ? extends Publisher<T>> work);

    /**
     * The scope's session's connection, in its transaction.
     *
     * @return the result, resolved inside the subscription
     */
    Mono<AsyncConnection> connection();

    /**
     * The scope's session's connection with execution options ({@link AsyncSession#connection(ExecutionOptions)}).
     *
     * @param options the options
     * @return the result, resolved inside the subscription
     */
    Mono<AsyncConnection> connection(ExecutionOptions options);

    /**
     * The scope's session's root transaction.
     *
     * @return the result, resolved inside the subscription
     */
    Mono<Optional<AsyncSessionTransaction>> getTransaction();

    /**
     * Whether the scope's session is in a transaction.
     *
     * @return the result, resolved inside the subscription
     */
    Mono<Boolean> inTransaction();

    /**
     * The engine the scope's session uses for an entity class.
     *
     * @param entity the class
     * @return the result, resolved inside the subscription
     */
    Mono<AsyncEngine> getBind(Class<?> entity);

    /**
     * The scope's session's info map.
     *
     * @return the result, resolved inside the subscription
     */
    Mono<Map<String, Object>> info();

    /**
     * The scope's session's listeners.
     *
     * @return the result, resolved inside the subscription
     */
    Mono<SessionEvents> events();

    /**
     * Runs work with autoflush off.
     *
     * @param work the work
     * @param <T> the element type
     * @return the result, resolved inside the subscription
     */
    <T> Flux<T> noAutoflush(Function<? super AsyncSession, ? extends Publisher<T>> work);

    /**
     * Runs blocking code against the scope's session ({@link AsyncSession#runSync}).
     *
     * @param block the code
     * @param <T> the result type
     * @return the block's result
     */
    <T> Mono<T> runSync(Function<? super SyncSession, ? extends T> block);
}
