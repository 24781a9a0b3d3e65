package io.asyncorm.spring.transaction;

import io.asyncorm.orm.AsyncSession;
import org.jspecify.annotations.Nullable;
import org.springframework.transaction.reactive.TransactionContext;
import org.springframework.transaction.support.ResourceHolderSupport;
import reactor.util.context.ContextView;

/**
 * The session a reactive transaction runs on, bound in Spring's transaction resources under the session maker.
 * Its scope key is what the scoped session resolves to while it is bound: the request's own key when the
 * transaction runs on the request's session, else a key of its own. An inactive holder marks a suspension
 * (NOT_SUPPORTED, REQUIRES_NEW): code there gets a session of its own, not the suspended transaction's.
 */
final class SessionHolder extends ResourceHolderSupport {

    private final Object scopeKey;

    private final boolean ownsSession;

    private @Nullable AsyncSession session;

    private boolean transactionActive;

    /** Set while the transaction manager commits, so the guard on the session's own commit() lets it through. */
    volatile boolean managerCommitting;

    private reactor.core.@Nullable Disposable commitGuard;

    SessionHolder(Object scopeKey, boolean ownsSession) {
        this.scopeKey = scopeKey;
        this.ownsSession = ownsSession;
    }

    /** The holder bound under {@code resourceKey} in the transaction context of a Reactor context, if any. */
    static @Nullable SessionHolder bound(ContextView context, Object resourceKey) {
        TransactionContext transaction = context.getOrDefault(TransactionContext.class, null);
        return transaction != null && transaction.getResources().get(resourceKey) instanceof SessionHolder holder ? holder : null;
    }

    Object scopeKey() {
        return this.scopeKey;
    }

    /** Whether the session was made for this holder, so it is closed and dropped when the holder ends. */
    boolean ownsSession() {
        return this.ownsSession;
    }

    AsyncSession session() {
        if (this.session == null) {
            throw new IllegalStateException("No session bound to this transaction yet");
        }
        return this.session;
    }

    void begun(AsyncSession session, reactor.core.Disposable commitGuard) {
        this.session = session;
        this.commitGuard = commitGuard;
        this.transactionActive = true;
    }

    /** Marks the transaction over and drops the commit guard from the session (which may outlive it: a request's). */
    void ended() {
        this.transactionActive = false;
        if (this.commitGuard != null) {
            this.commitGuard.dispose();
            this.commitGuard = null;
        }
    }

    boolean isTransactionActive() {
        return this.transactionActive;
    }

    @Override
    public String toString() {
        return "SessionHolder[" + this.scopeKey + (this.transactionActive ? ", in transaction" : ", suspended scope") + "]";
    }
}
