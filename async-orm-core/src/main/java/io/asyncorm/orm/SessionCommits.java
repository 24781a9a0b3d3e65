package io.asyncorm.orm;

import io.asyncorm.engine.AsyncTransaction;
import io.asyncorm.exception.InvalidRequestError;
import io.asyncorm.internal.Steps;
import io.asyncorm.orm.internal.SessionState;
import java.util.Optional;
import java.util.function.Supplier;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * How a session's transactions end, with their events in SQLAlchemy's order: commit (flush, COMMIT, objects after
 * commit), rollback (ROLLBACK, objects restored), a savepoint level's release, and transaction blocks, which commit
 * as the work's last step and refuse work after their transaction ended inside them. The session guards each call.
 */
final class SessionCommits {

    private final SessionState state;

    private final SessionTransactions transactions;

    private final SessionFlush flusher;

    private final SessionListeners listeners;

    private final boolean expireOnCommit;

    SessionCommits(SessionState state, SessionTransactions transactions, SessionFlush flusher, SessionListeners listeners,
            boolean expireOnCommit) {
        this.state = state;
        this.transactions = transactions;
        this.flusher = flusher;
        this.listeners = listeners;
        this.expireOnCommit = expireOnCommit;
    }

    /** The session's commit, made when it runs (its caller is the session guard's body). */
    Mono<Void> commit() {
        // Each step made when it is about to run, an event nobody listens to costing no operator.
        return this.listeners.around(SessionEvents.OperationKind.COMMIT, () -> {
            Mono<Void> refused = this.transactions.connectionCheckNow();
            if (refused != Mono.<Void>empty()) {
                return refused;
            }
            return Steps.then(this.listeners.fireNow(SessionEvents.Kind.BEFORE_COMMIT, this.transactions.root().orElse(null), null),
                    this.flusher::flushNow).then(Mono.defer(() -> {
                        // The root being committed, read after the flush (which may have autobegun it).
                        AsyncSessionTransaction root = this.transactions.root().orElse(null);
                        Mono<Void> committed = Steps.thenRun(this.transactions.commitNow(),
                                () -> this.state.afterCommit(this.expireOnCommit));
                        if (!this.listeners.listens(SessionEvents.Kind.AFTER_COMMIT)
                                && !this.listeners.listens(SessionEvents.Kind.AFTER_TRANSACTION_END)) {
                            return committed;
                        }
                        return Steps.then(committed, () -> Steps.then(this.listeners.fireNow(SessionEvents.Kind.AFTER_COMMIT, root, null),
                                this.transactions::endEventsNow));
                    }));
        });
    }

    Mono<Void> rollback() {
        return this.listeners.around(SessionEvents.OperationKind.ROLLBACK, Mono.defer(() -> {
            Optional<AsyncSessionTransaction> rolledBack = this.transactions.root();
            return SessionTransactions.andAlways(this.transactions.rollback(), this.state::afterRollback)
                    .then(this.listeners.fire(SessionEvents.Kind.AFTER_ROLLBACK))
                    .then(this.transactions.endEvents())
                    .then(rolledBack.map(root -> this.listeners.fire(SessionEvents.Kind.AFTER_SOFT_ROLLBACK, root, null))
                            .orElse(Mono.empty()));
        }));
    }

    /** A savepoint level's commit: flushes, then releases its SAVEPOINT on every connection; the commit events as 2.0 fires them. */
    Mono<Void> releaseSavepoint(DefaultAsyncSessionTransaction transaction) {
        return Mono.defer(() -> {
            if (!transaction.isActive()) {
                return Mono.error(new InvalidRequestError("This nested transaction is no longer active"));
            }
            return this.listeners.fire(SessionEvents.Kind.BEFORE_COMMIT, transaction, null).then(this.flusher.flush())
                    .then(Mono.defer(() -> transaction.isActive()
                            ? Flux.fromIterable(transaction.savepoints()).concatMap(AsyncTransaction::commit).then() : Mono.empty()))
                    .then(Mono.fromRunnable(() -> this.transactions.popNested(transaction)))
                    .then(this.listeners.fire(SessionEvents.Kind.AFTER_COMMIT, transaction, null))
                    .then(this.transactions.endEvents());
        });
    }

    /**
     * Runs work in a transaction block and commits it as the work's last step (so a failing commit reaches the caller as
     * it is, and rolls back); rolls back on error and cancel (after a cancel, once an operation still finishing has ended:
     * see {@link DefaultAsyncSessionTransaction#rollbackAfterCancel}). Work after the block's transaction was ended inside it is
     * refused until the block is over ({@link SessionTransactions#connectionCheckNow}).
     */
    @SuppressWarnings("unchecked")
    <T> Flux<T> transactionBlock(Mono<AsyncSessionTransaction> start, Supplier<? extends Publisher<T>> work) {
        // The commit emits no value: typed as the work's values, it needs no operator to say so.
        return Flux.usingWhen(start.map(this.transactions::enterBlock),
                block -> Flux.<T>from(work.get()).concatWith((Publisher<T>) (Publisher<?>) Mono.defer(
                        ((DefaultAsyncSessionTransaction) block.transaction())::commitIfActiveNow)),
                block -> Mono.fromRunnable(() -> this.transactions.leaveBlock(block)),
                (block, error) -> SessionTransactions.andAlways(block.transaction().isActive() ? block.transaction().rollback()
                        : Mono.empty(), () -> this.transactions.leaveBlock(block)),
                block -> SessionTransactions.andAlways(((DefaultAsyncSessionTransaction) block.transaction()).rollbackAfterCancel(),
                        () -> this.transactions.leaveBlock(block)));
    }
}
