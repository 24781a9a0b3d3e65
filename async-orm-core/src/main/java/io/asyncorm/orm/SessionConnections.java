package io.asyncorm.orm;

import io.asyncorm.engine.AsyncConnection;
import io.asyncorm.engine.AsyncEngine;
import io.asyncorm.engine.ExecutionOptions;
import io.asyncorm.exception.OperationalError;
import io.asyncorm.orm.internal.Connections;
import io.asyncorm.orm.internal.EntityMapping;
import io.asyncorm.sql.Executable;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Where each of a session's statements runs: the engine its binds choose for the statement, and the
 * session's connection to that engine (checked out, with the transaction begun, on first use). The one
 * collaborator the session's queries, flush and listeners get for their I/O.
 */
final class SessionConnections implements Connections {

    private final SessionBinds binds;

    private final SessionTransactions transactions;

    SessionConnections(SessionBinds binds, SessionTransactions transactions) {
        this.binds = binds;
        this.transactions = transactions;
    }

    /** The session's own connection ({@code connection()}): the engine chosen for no entity and no statement. */
    Mono<AsyncConnection> ofSession(ExecutionOptions options) {
        return connect(null, null, false, options);
    }

    /** The connection for a caller's statement (its entity: an entity query's, or the class mapped to a DML statement's table). */
    Mono<AsyncConnection> of(Executable statement) {
        return Mono.defer(() -> ofNow(statement));
    }

    /** {@link #of(Executable)} decided now: for a caller about to run the statement (it costs no {@code defer}). */
    Mono<AsyncConnection> ofNow(Executable statement) {
        return connectNow(this.binds.entityOf(statement), statement, false, ExecutionOptions.none());
    }

    /** The connection for the session's own reads about an entity class (loads, refresh, cascades). */
    @Override
    public Mono<AsyncConnection> of(EntityMapping<?> mapping) {
        return connect(mapping.entityType(), null, false, ExecutionOptions.none());
    }

    /** The connection for the flush statements about an entity class. */
    Mono<AsyncConnection> forFlush(EntityMapping<?> mapping) {
        return connect(mapping.entityType(), null, true, ExecutionOptions.none());
    }

    /**
     * {@link #forFlush} decided now, without a {@code defer}: for the flush's own statements, whose steps are made when
     * they are about to run.
     */
    Mono<AsyncConnection> forFlushNow(EntityMapping<?> mapping) {
        return connectNow(mapping.entityType(), null, true, ExecutionOptions.none());
    }

    /**
     * The connection to the engine the binds choose; when a new checkout from it fails (the database cannot be reached),
     * the bind resolver may name another engine to use instead ({@link BindResolver#fallback}).
     */
    private Mono<AsyncConnection> connect(@Nullable Class<?> entity, @Nullable Executable statement, boolean flushing,
            ExecutionOptions options) {
        return Mono.defer(() -> connectNow(entity, statement, flushing, options));
    }

    private Mono<AsyncConnection> connectNow(@Nullable Class<?> entity, @Nullable Executable statement, boolean flushing,
            ExecutionOptions options) {
        AsyncEngine engine = engine(entity, statement, flushing);
        Mono<AsyncConnection> connection = this.transactions.connectionNow(engine, options);
        if (!this.binds.mayFallBack() || this.transactions.holds(engine)) {
            return connection;
        }
        return connection.onErrorResume(OperationalError.class, error -> {
            AsyncEngine instead = error.isConnectionInvalidated() ? null : this.binds.fallback(entity, statement, flushing, engine, error);
            return instead == null || instead == engine ? Mono.error(error) : this.transactions.connectionNow(instead, options);
        });
    }

    AsyncEngine engine(@Nullable Class<?> entity, @Nullable Executable statement, boolean flushing) {
        return this.binds.engineFor(entity, statement, flushing);
    }

    AsyncEngine engine(Executable statement) {
        return engine(this.binds.entityOf(statement), statement, false);
    }
}
