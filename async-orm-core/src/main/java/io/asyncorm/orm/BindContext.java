package io.asyncorm.orm;

import io.asyncorm.engine.AsyncEngine;
import io.asyncorm.sql.Executable;
import io.asyncorm.sql.Select;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link BindResolver} knows about a statement the session is about to send: the entity class
 * it is about (if any), the statement (when it is the caller's; the session's own loads pass none), and
 * whether it is part of a flush.
 */
public final class BindContext {

    private final @Nullable Class<?> entity;

    private final @Nullable Executable statement;

    private final boolean flushing;

    private final Predicate<AsyncEngine> held;

    private final Supplier<Map<String, Object>> info;

    BindContext(@Nullable Class<?> entity, @Nullable Executable statement, boolean flushing, Predicate<AsyncEngine> held,
            Supplier<Map<String, Object>> info) {
        this.entity = entity;
        this.statement = statement;
        this.flushing = flushing;
        this.held = held;
        this.info = info;
    }

    /**
     * The session's {@link AsyncSession#info()} map: where an application puts what picks the database for a unit of
     * work, such as a tenant or shard key (SQLAlchemy's horizontal sharding chooses by such a key too).
     *
     * @return the session's info map
     */
    public Map<String, Object> sessionInfo() {
        return this.info.get();
    }

    /**
     * The mapped class the statement reads or writes: the entity of an entity query, of a load or of a
     * flush statement, or the class mapped to the table of a Core INSERT, UPDATE or DELETE.
     *
     * @return the class, or empty for a statement about no mapped class (text, Core selects)
     */
    public Optional<Class<?>> entity() {
        return Optional.ofNullable(this.entity);
    }

    /**
     * The statement, when the caller gave it to {@code execute}, {@code scalars} or {@code stream}, or it
     * is an entity query.
     *
     * @return the statement, or empty for the session's own loads and flush statements
     */
    public Optional<Executable> statement() {
        return Optional.ofNullable(this.statement);
    }

    /**
     * Whether the statement belongs to a flush (an INSERT, UPDATE or DELETE of the unit of work, or a
     * sequence draw for one).
     *
     * @return whether it does
     */
    public boolean isFlushing() {
        return this.flushing;
    }

    /**
     * Whether the statement may write: a flush statement, or a caller's statement that is not a query
     * (DML, DDL and text statements count as writes, since their effect is unknown). The session's own
     * loads are reads.
     *
     * @return whether it may write
     */
    public boolean isWrite() {
        return this.flushing || (this.statement != null && !this.statement.isQuery());
    }

    /**
     * Whether the statement locks the rows it reads ({@code FOR UPDATE} and its variants), so it must reach the
     * server that holds the rows for writing.
     *
     * @return whether it locks
     */
    public boolean isLocking() {
        Executable current = this.statement;
        return current instanceof EntitySelect<?> query ? query.locksRows() : current instanceof Select select && select.locksRows();
    }

    /**
     * Whether the session's current transaction already holds a connection to an engine: a resolver that keeps a
     * transaction on the server it has begun on (its writes, then its reads) asks this.
     *
     * @param engine the engine
     * @return whether the transaction has a connection to it
     */
    public boolean holdsConnection(AsyncEngine engine) {
        return this.held.test(engine);
    }

    @Override
    public String toString() {
        return "BindContext[entity=" + (this.entity == null ? "none" : this.entity.getSimpleName()) + ", statement="
                + (this.statement == null ? "none" : this.statement.getClass().getSimpleName()) + ", flushing=" + this.flushing + "]";
    }
}
