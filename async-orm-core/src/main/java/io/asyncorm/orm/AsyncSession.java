package io.asyncorm.orm;

import io.asyncorm.engine.AsyncEngine;
import io.asyncorm.orm.mapping.IdentityKey;
import io.asyncorm.sql.Executable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A unit of work over one connection: an identity map (one Java object per row), snapshot-based change
 * tracking, and a flush that writes pending changes in foreign-key order with batched statements. The
 * analogue of SQLAlchemy's {@code AsyncSession}. Made by an {@link AsyncSessionMaker}.
 *
 * <pre>{@code
 * maker.begin(session -> {
 *     session.add(new A("a1"));                                // in memory: no I/O
 *     return session.scalars(select(A.class).options(selectinload(A_.bs)))   // autoflush, then query
 *             .doOnNext(all -> all.all().forEach(System.out::println));
 * });                                                          // commit (or rollback), then close
 * }</pre>
 *
 * <p>Methods returning {@code Mono}/{@code Flux} do nothing until subscribed; the others change only
 * memory. The session autobegins a transaction on its first I/O and keeps one connection until commit,
 * rollback or close. <b>Not safe for concurrent use</b>: run operations one after another
 * ({@code then}, {@code concatMap}); an operation subscribed while another is running fails at once with
 * {@link io.asyncorm.exception.InvalidRequestError} instead of corrupting state. Relationships are never
 * loaded behind a getter: see {@link AsyncAttrs}.
 */
public interface AsyncSession extends SessionQueryOperations, SessionObjectOperations, SessionTransactionOperations {

    /**
     * Adds an object: transient objects become pending (inserted at the next flush), and every object it
     * reaches through loaded relationships follows (the save-update cascade). No I/O.
     *
     * @param entity an instance of a mapped class
     */
    void add(Object entity);

    /**
     * Adds several objects, as {@link #add(Object)}.
     *
     * @param entities the objects
     */
    void addAll(Iterable<?> entities);

    /**
     * The engine the session runs the statements about an entity class on (the maker's bind resolver,
     * then its per-class binds, then its engine); SQLAlchemy's {@code get_bind}, but really the one the
     * session uses.
     *
     * @param entity a mapped class
     * @return the engine
     * @throws io.asyncorm.exception.UnboundExecutionError when nothing resolves
     */
    AsyncEngine getBind(Class<?> entity);

    /**
     * The engine the session would run a statement on.
     *
     * @param statement the statement
     * @return the engine
     * @throws io.asyncorm.exception.UnboundExecutionError when nothing resolves
     */
    AsyncEngine getBind(Executable statement);

    /**
     * The current root transaction.
     *
     * @return the transaction, or empty when none has begun
     */
    Optional<AsyncSessionTransaction> getTransaction();

    /**
     * The innermost SAVEPOINT transaction.
     *
     * @return the nested transaction, or empty
     */
    Optional<AsyncSessionTransaction> getNestedTransaction();

    /**
     * Whether a transaction is in progress.
     *
     * @return whether one has begun (explicitly or by autobegin) and not ended
     */
    boolean inTransaction();

    /**
     * Whether the session can take work (SQLAlchemy's {@code is_active}): true, also outside a transaction (the next
     * statement begins one), except in the partly rolled-back state a failed flush leaves until {@code rollback()}.
     *
     * @return false only while a failed flush's rollback waits to be acknowledged
     */
    boolean isActive();

    /**
     * Whether a SAVEPOINT is in progress.
     *
     * @return whether a nested transaction is active
     */
    boolean inNestedTransaction();

    /**
     * Expires attributes of a persistent object: their values are stale until reloaded (by a query
     * returning the row, {@link #refresh}, or {@link AsyncAttrs#fetch}); expired collections become unloaded.
     *
     * @param entity a persistent object
     * @param attributes attribute names, or none for all
     */
    void expire(Object entity, String... attributes);

    /** Expires every persistent object. */
    void expireAll();

    /**
     * Removes an object from the session without touching the database; its loaded attributes stay readable.
     *
     * @param entity an object of this session
     */
    void expunge(Object entity);

    /** Removes every object from the session. */
    void expungeAll();

    /**
     * Whether an object is pending or persistent in this session.
     *
     * @param entity an object
     * @return whether it is
     */
    boolean contains(Object entity);

    /**
     * Whether an object has changes the next flush would write (columns or relationships).
     *
     * @param entity an object of this session
     * @return whether it is modified
     */
    boolean isModified(Object entity);

    /**
     * The pending objects.
     *
     * @return a snapshot list
     */
    List<Object> newObjects();

    /**
     * The persistent objects with changes to flush.
     *
     * @return a snapshot list
     */
    List<Object> dirty();

    /**
     * The objects marked for deletion and not flushed yet.
     *
     * @return a snapshot list
     */
    List<Object> deleted();

    /**
     * The identity map.
     *
     * @return a read-only snapshot: key to object
     */
    Map<IdentityKey, Object> identityMap();

    /**
     * Every object of the session: the pending ones, then those of the identity map (persistent, or deleted and not
     * flushed yet). SQLAlchemy's iteration over a session.
     *
     * @return a snapshot list
     */
    List<Object> objects();

    /**
     * The engine the session was made for (SQLAlchemy's {@code bind}): its maker's engine, if it has one; per-class
     * binds and a bind resolver may send statements elsewhere ({@link #getBind(Class)}).
     *
     * @return the engine, or empty for a maker without one
     */
    Optional<AsyncEngine> bind();

    /**
     * Whether queries flush pending changes first.
     *
     * @return the setting (true by default)
     */
    boolean isAutoflush();

    /**
     * Turns autoflush on or off.
     *
     * @param autoflush the setting
     */
    void setAutoflush(boolean autoflush);

    /**
     * A mutable map for the application's own per-session data, seeded from the maker's info.
     *
     * @return the map
     */
    Map<String, Object> info();

    /**
     * This session's listeners (they run after its maker's).
     *
     * @return the session's events
     */
    SessionEvents events();

    /**
     * The session that holds an object.
     *
     * @param entity an object
     * @return the open session it is pending or persistent in, or empty
     */
    static Optional<AsyncSession> objectSession(Object entity) {
        return OpenSessions.holding(entity);
    }

    /**
     * Closes every open session of the process (SQLAlchemy's {@code close_all_sessions}).
     *
     * @return completes when all are closed
     */
    static Mono<Void> closeAll() {
        return OpenSessions.closeAll();
    }
}
