package io.asyncorm.orm;

import io.asyncorm.engine.AsyncTransaction;
import io.asyncorm.exception.InvalidRequestError;
import io.asyncorm.internal.Steps;
import io.asyncorm.orm.internal.SessionState;
import io.asyncorm.orm.internal.UnitOfWork;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A session's flush: the flush events around the unit of work, autoflush before queries, and what a failed
 * or cancelled flush leaves behind (its savepoint rolled back, or else the whole transaction, which must
 * then be rolled back before the session is used again).
 */
final class SessionFlush {

    private final SessionState state;

    private final SessionTransactions transactions;

    private final SessionConnections connections;

    private final SessionListeners listeners;

    private final BooleanSupplier autoflush;

    private volatile boolean flushing;

    SessionFlush(SessionState state, SessionTransactions transactions, SessionConnections connections, SessionListeners listeners,
            BooleanSupplier autoflush) {
        this.state = state;
        this.transactions = transactions;
        this.connections = connections;
        this.listeners = listeners;
        this.autoflush = autoflush;
    }

    /** Flushes before a query when autoflush is on and something changed (not from inside a flush). */
    Mono<Void> autoflush() {
        return Mono.defer(this::autoflushNow);
    }

    /** {@link #autoflush} decided now, for a step made when it is about to run: {@link Mono#empty()} with nothing to flush. */
    Mono<Void> autoflushNow() {
        return this.autoflush.getAsBoolean() && !this.flushing && UnitOfWork.hasChanges(this.state) ? flushNow() : Mono.empty();
    }

    Mono<Void> flush() {
        return failures(this.listeners.around(SessionEvents.OperationKind.FLUSH, Mono.defer(this::flushBody)));
    }

    /** {@link #flush} made now, for a caller about to run it (the guard's body, a step, the commit). */
    Mono<Void> flushNow() {
        return failures(this.listeners.around(SessionEvents.OperationKind.FLUSH, this::flushBody));
    }

    private Mono<Void> flushBody() {
        if (this.flushing) {
            return Mono.error(new InvalidRequestError("Session is already flushing: a flush listener cannot flush; objects it "
                    + "adds in beforeFlush are part of the flush under way"));
        }
        if (this.listeners.listensToFlushes() && !UnitOfWork.hasChanges(this.state)) {
            return Mono.empty();
        }
        this.flushing = true;
        try {
            // Each step made when it is about to run (the unit of work plans after beforeFlush, and asks for its connection
            // when a statement is about to run), an event nobody listens to costing no operator: whether anyone listens
            // to afterFlush is decided once beforeFlush has run.
            Mono<Void> flush = Steps.then(this.listeners.fireNow(SessionEvents.Kind.BEFORE_FLUSH, null, null), () -> {
                Mono<Void> writes = UnitOfWork.flushNow(this.state, this.connections::forFlushNow, this.listeners.flushEvents());
                return this.listeners.listens(SessionEvents.Kind.AFTER_FLUSH)
                        ? writes.then(Mono.defer(() -> this.listeners.fireNow(SessionEvents.Kind.AFTER_FLUSH, null, null))) : writes;
            });
            if (flush == Mono.<Void>empty()) {
                // Nothing to write and nobody listening: the flush is over already.
                this.flushing = false;
                return flush;
            }
            return flush.doOnTerminate(() -> this.flushing = false);
        } catch (RuntimeException ex) {
            // A plan that fails as it is made (before any statement) fails the flush like one that fails later.
            this.flushing = false;
            return Mono.error(ex);
        }
    }

    /** A flush's failure and cancellation handling: see {@link #failed}. */
    private Mono<Void> failures(Mono<Void> flush) {
        if (flush == Mono.<Void>empty()) {
            return flush;
        }
        return flush.onErrorResume(this::failed)
                // A cancelled flush may have run some of its statements: like a failed one, it must be rolled back.
                .doOnCancel(() -> {
                    this.flushing = false;
                    this.transactions.failed(new InvalidRequestError("A flush was cancelled before it finished, so some of its "
                            + "statements may have run"));
                });
    }

    /** A failed flush rolls back its savepoint, or else the whole transaction, which must then be rolled back. */
    private Mono<Void> failed(Throwable error) {
        Optional<AsyncSessionTransaction> nested = this.transactions.innermost();
        if (nested.isPresent()) {
            return rollbackSavepoint((DefaultAsyncSessionTransaction) nested.get()).then(Mono.error(error));
        }
        return this.transactions.rollbackAfter(error).then(Mono.fromRunnable(() -> this.transactions.failed(error)))
                .then(this.listeners.fire(SessionEvents.Kind.AFTER_ROLLBACK).onErrorResume(e -> {
                    error.addSuppressed(e);
                    return Mono.empty();
                })).then(Mono.error(error));
    }

    /** Rolls a savepoint level back on every connection and puts the objects back as they were at its start. */
    Mono<Void> rollbackSavepoint(DefaultAsyncSessionTransaction level) {
        return SessionTransactions.andAlways(Flux.fromIterable(level.savepoints()).concatMapDelayError(AsyncTransaction::rollback).then(),
                () -> {
                    this.transactions.popNested(level);
                    this.state.afterSavepointRollback(level.mark());
                }).then(this.listeners.fire(SessionEvents.Kind.AFTER_ROLLBACK))
                .then(this.transactions.endEvents())
                .then(this.listeners.fire(SessionEvents.Kind.AFTER_SOFT_ROLLBACK, level, null));
    }
}
