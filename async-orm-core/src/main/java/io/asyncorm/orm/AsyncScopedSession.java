package io.asyncorm.orm;

import io.asyncorm.engine.AsyncEngine;
import io.asyncorm.orm.mapping.IdentityKey;
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
public interface AsyncScopedSession extends SessionQueryOperations, SessionObjectOperations, SessionTransactionOperations {

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
     * The scope's session's objects ({@link AsyncSession#objects()}).
     *
     * @return the result, resolved inside the subscription
     */
    Mono<List<Object>> objects();

    /**
     * The engine the scope's session was made for ({@link AsyncSession#bind()}).
     *
     * @return the result, resolved inside the subscription
     */
    Mono<Optional<AsyncEngine>> bind();

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
     * Whether the scope's session can take work ({@link AsyncSession#isActive()}).
     *
     * @return the result, resolved inside the subscription
     */
    Mono<Boolean> isActive();

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
     * Whether the scope's session autoflushes ({@link AsyncSession#isAutoflush}).
     *
     * @return the result, resolved inside the subscription
     */
    Mono<Boolean> isAutoflush();

    /**
     * Turns the scope's session's autoflush on or off ({@link AsyncSession#setAutoflush}).
     *
     * @param autoflush the setting
     * @return completes when done
     */
    Mono<Void> setAutoflush(boolean autoflush);

    /**
     * The scope's session's innermost savepoint ({@link AsyncSession#getNestedTransaction}).
     *
     * @return the result, resolved inside the subscription
     */
    Mono<Optional<AsyncSessionTransaction>> getNestedTransaction();

    /**
     * Whether the scope's session is in a savepoint ({@link AsyncSession#inNestedTransaction}).
     *
     * @return the result, resolved inside the subscription
     */
    Mono<Boolean> inNestedTransaction();

    /**
     * The engine the scope's session would run a statement on ({@link AsyncSession#getBind(Executable)}).
     *
     * @param statement the statement
     * @return the result, resolved inside the subscription
     */
    Mono<AsyncEngine> getBind(Executable statement);
}
