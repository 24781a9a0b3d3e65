package io.asyncorm.spring.transaction;

import io.asyncorm.orm.AsyncSessionMaker;
import io.asyncorm.orm.ScopeFunction;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import reactor.util.context.ContextView;

/**
 * A scope function that makes a scoped session follow Spring's reactive transactions: inside a transaction run by
 * {@link AsyncOrmTransactionManager} it resolves to that transaction's session; elsewhere it asks the function it
 * wraps (the web request's scope, for example {@link ScopeFunction#contextValue()}).
 *
 * <pre>{@code
 * TransactionAwareScopeFunction scopes = TransactionAwareScopeFunction.create(maker, ScopeFunction.contextValue());
 * AsyncScopedSession session = AsyncScopedSession.of(maker, scopes);
 * ReactiveTransactionManager tm = new AsyncOrmTransactionManager(session, scopes, connectionFactory);
 * }</pre>
 */
public final class TransactionAwareScopeFunction implements ScopeFunction {

    private final AsyncSessionMaker maker;

    private final ScopeFunction outside;

    private TransactionAwareScopeFunction(AsyncSessionMaker maker, ScopeFunction outside) {
        this.maker = Objects.requireNonNull(maker, "maker");
        this.outside = Objects.requireNonNull(outside, "outside");
    }

    /**
     * Creates the function.
     *
     * @param maker the session maker of the scoped session (the key transactions bind their session under)
     * @param outside the scope outside transactions, for example {@link ScopeFunction#contextValue()}
     * @return the function; safe for concurrent use
     */
    public static TransactionAwareScopeFunction create(AsyncSessionMaker maker, ScopeFunction outside) {
        return new TransactionAwareScopeFunction(maker, outside);
    }

    @Override
    public @Nullable Object key(ContextView context) {
        SessionHolder holder = SessionHolder.bound(context, this.maker);
        return holder != null ? holder.scopeKey() : this.outside.key(context);
    }

    /** The scope outside transactions (the request's), or null when there is none. */
    @Nullable Object outsideKey(ContextView context) {
        return this.outside.key(context);
    }

    /** The resource key transactions bind their session holder under. */
    AsyncSessionMaker maker() {
        return this.maker;
    }

    @Override
    public String toString() {
        return "TransactionAwareScopeFunction[outside=" + this.outside + "]";
    }
}
