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
}
