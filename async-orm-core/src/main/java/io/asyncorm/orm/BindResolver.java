package io.asyncorm.orm;

import io.asyncorm.engine.AsyncEngine;
import org.jspecify.annotations.Nullable;

/**
 * Chooses the engine a session runs a statement on: SQLAlchemy's {@code Session.get_bind}, made a
 * strategy that the session really consults, for every statement it sends (queries, loads, flush
 * statements, and the statements given to {@code execute} and {@code stream}). Set it on the maker with
 * {@link AsyncSessionMaker.Builder#bindResolver}.
 *
 * <p>A session keeps one connection per engine for its transaction, so a resolver that sends reads to
 * a replica and writes to the primary gives the session two connections; commit commits both, in the
 * order they were opened. A read on the replica does not see the session's own uncommitted writes.
 *
 * <pre>{@code
 * BindResolver readReplica = context -> context.isWrite() ? primary : replica;
 * AsyncSessionMaker maker = AsyncSessionMaker.builder(primary, registry).bindResolver(readReplica).build();
 * }</pre>
 *
 * <p>Resolvers run on the statement's path, so they must be fast and must not block. {@link ReplicaRouting} is a
 * ready-made one for a primary with read replicas.
 */
@FunctionalInterface
public interface BindResolver {

    /**
     * The engine for a statement.
     *
     * @param context what the statement is about
     * @return the engine, or null to fall back to the maker's per-class binds and then its engine
     */
    @Nullable AsyncEngine resolve(BindContext context);

    /**
     * Another engine for a statement whose engine could not be reached: called when a new checkout from {@code failed}
     * fails to connect (not for a connection lost mid-transaction), before the error reaches the caller. A read
     * replica's resolver answers with the primary, so a replica that went down does not fail the request.
     *
     * @param context the statement
     * @param failed the engine that could not be reached
     * @param error why
     * @return the engine to use instead, or null to let the error through (the default)
     */
    default @Nullable AsyncEngine fallback(BindContext context, AsyncEngine failed, Throwable error) {
        return null;
    }
}
