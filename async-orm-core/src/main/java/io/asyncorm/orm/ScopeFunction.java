package io.asyncorm.orm;

import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * Maps a subscription's Reactor {@link ContextView} to the key of its scope: SQLAlchemy's
 * {@code scopefunc}, read from the context instead of a thread or task (there is no ThreadLocal in a
 * reactive pipeline). It is called on every access of an {@link AsyncScopedSession}, so it must be cheap
 * and return the same key for the same pipeline.
 *
 * <p>The ready-made {@link #contextValue()} keys on a token stored under {@link #CONTEXT_KEY}; a caller or
 * a web filter opens a scope by writing a new token:
 *
 * <pre>{@code
 * AsyncScopedSession scoped = AsyncScopedSession.of(maker, ScopeFunction.contextValue());
 * Mono<Void> unitOfWork = scoped.inScope(scoped.add(order).then(scoped.commit())).then()
 *         .contextWrite(ScopeFunction.newScope());
 * }</pre>
 */
@FunctionalInterface
public interface ScopeFunction {

    /** The context key {@link #contextValue()} reads and {@link #newScope()} writes. */
    String CONTEXT_KEY = "io.asyncorm.orm.scope";

    /**
     * The scope key of a subscription.
     *
     * @param context the subscriber's context
     * @return the key, or null when the context holds no scope
     */
    @Nullable Object key(ContextView context);

    /**
     * Keys on the value under {@link #CONTEXT_KEY}.
     *
     * @return the scope function
     */
    static ScopeFunction contextValue() {
        return contextValue(CONTEXT_KEY);
    }

    /**
     * Keys on the value under a context key of the application's (a request id, a tenant and user pair).
     *
     * @param contextKey the key to read
     * @return the scope function
     */
    static ScopeFunction contextValue(Object contextKey) {
        java.util.Objects.requireNonNull(contextKey, "contextKey");
        return context -> context.getOrDefault(contextKey, null);
    }

    /**
     * Opens a new scope for {@link #contextValue()}: pass it to {@code contextWrite} below the pipeline that
     * uses the scoped session.
     *
     * @return a context function writing a fresh scope token under {@link #CONTEXT_KEY}
     */
    static Function<Context, Context> newScope() {
        return context -> context.put(CONTEXT_KEY, new ScopeToken());
    }

    /** A scope token: compared by identity. */
    final class ScopeToken {

        ScopeToken() {
        }

        @Override
        public String toString() {
            return "ScopeToken@" + Integer.toHexString(System.identityHashCode(this));
        }
    }
}
