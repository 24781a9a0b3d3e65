package io.asyncorm.orm;

import io.asyncorm.orm.mapping.IdentityKey;
import io.asyncorm.engine.AsyncConnection;
import io.asyncorm.engine.AsyncEngine;
import io.asyncorm.engine.ExecutionOptions;
import io.asyncorm.result.AsyncResult;
import io.asyncorm.result.AsyncScalarResult;
import io.asyncorm.result.Result;
import io.asyncorm.result.ScalarResult;
import io.asyncorm.sql.Executable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.reactivestreams.Publisher;
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
public interface AsyncSession {

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
     * Marks an object for deletion at the next flush, applying delete cascades. May load unloaded
     * relationships that a cascade needs, which is why it is asynchronous.
     *
     * @param entity a persistent object of this session
     * @return completes when the object (and its cascade) is marked
     */
    Mono<Void> delete(Object entity);

    /**
     * The object with a primary key: from the identity map without SQL when present, else loaded.
     *
     * @param type the mapped class
     * @param id the primary-key value
     * @param <T> the entity type
     * @return the object, or empty when no row has that key
     */
    <T> Mono<T> get(Class<T> type, Object id);

    /**
     * Like {@link #get(Class, Object)}, but a missing row is an error.
     *
     * @param type the mapped class
     * @param id the primary-key value
     * @param <T> the entity type
     * @return the object; {@link io.asyncorm.exception.NoResultFound} when no row has that key
     */
    <T> Mono<T> getOne(Class<T> type, Object id);

    /**
     * Copies the state of an object (typically detached) onto the session's persistent object with the
     * same key, loading it if needed, or adds a copy when no row has the key.
     *
     * @param entity the object to copy from; it is not attached
     * @param <T> the entity type
     * @return the persistent object, now carrying the changes
     */
    <T> Mono<T> merge(T entity);

    /**
     * Reloads attributes of a persistent object from its row. Naming a relationship loads it (the
     * explicit way to load a lazy one); with no names, every column is reloaded and loaded lazy
     * collections become unloaded.
     *
     * @param entity a persistent object
     * @param attributes attribute names, or none for all
     * @return completes when reloaded; {@link io.asyncorm.exception.ObjectDeletedError} when the row is gone
     */
    Mono<Void> refresh(Object entity, String... attributes);

    /**
     * Loads one attribute of a persistent object if it is not loaded (or expired) and emits its value;
     * no SQL when it is loaded. This is what {@link AsyncAttrs#fetch} calls.
     *
     * @param entity a persistent object of this session
     * @param attribute the attribute name
     * @param <T> the value type (a collection for a collection relationship)
     * @return the value, empty when it is null
     */
    <T> Mono<T> fetch(Object entity, String attribute);

    /**
     * Writes pending changes: INSERTs, UPDATEs and DELETEs in foreign-key order. No statement when nothing
     * changed. On failure the transaction is rolled back and the session must be rolled back before reuse.
     *
     * @return completes when flushed
     */
    Mono<Void> flush();

    /**
     * Flushes, then commits and releases the connection. With {@code expireOnCommit} (the default),
     * every object is expired: see the README for what that means for a Java object.
     *
     * @return completes when committed
     */
    Mono<Void> commit();

    /**
     * Rolls back and releases the connection. Objects added in the transaction become transient again
     * (generated keys cleared), deleted ones are restored, and every persistent object is expired.
     *
     * @return completes when rolled back
     */
    Mono<Void> rollback();

    /**
     * Rolls back any transaction, releases the connection and expunges every object. The session can be
     * used again afterwards.
     *
     * @return completes when closed
     */
    Mono<Void> close();

    /**
     * Like {@link #close()}, but the connection is discarded (invalidated) instead of returned to the pool.
     *
     * @return completes when closed
     */
    Mono<Void> invalidate();

    /**
     * Runs a statement, after an autoflush. An {@link EntitySelect} gives rows of one entity each, uniqued
     * by the identity map, with its loader options applied; other statements give Core rows. The result is
     * buffered and stays usable after the session closes.
     *
     * @param statement the statement
     * @return the result
     */
    default Mono<Result> execute(Executable statement) {
        return execute(statement, Map.of());
    }

    /**
     * Runs a statement with parameters.
     *
     * @param statement the statement
     * @param parameters bind parameters by name
     * @return the result
     */
    Mono<Result> execute(Executable statement, Map<String, ?> parameters);

    /**
     * Runs a Core statement once per parameter set (executemany), after an autoflush.
     *
     * @param statement an INSERT, UPDATE or DELETE
     * @param parameterSets one map per execution
     * @return the combined result
     */
    Mono<Result> execute(Executable statement, List<? extends Map<String, ?>> parameterSets);

    /**
     * Runs a statement and gives its first column: entities for an {@link EntitySelect}.
     *
     * @param statement the statement
     * @param <T> the element type
     * @return the buffered values
     */
    <T> Mono<ScalarResult<T>> scalars(Executable statement);

    /**
     * The typed form of {@link #scalars(Executable)} for an entity query.
     *
     * @param statement the query
     * @param <T> the entity type
     * @return the buffered entities
     */
    default <T> Mono<List<T>> list(EntitySelect<T> statement) {
        return this.<T>scalars(statement).map(ScalarResult::all);
    }

    /**
     * The first column of the first row.
     *
     * @param statement the statement
     * @param <T> the value type
     * @return empty Optional for SQL NULL, an empty Mono for no row
     */
    <T> Mono<Optional<T>> scalar(Executable statement);

    /**
     * Runs a statement with a server-side cursor and gives rows on demand. The connection stays busy until
     * the result is consumed or closed, so the session must not run anything else meanwhile; an entity
     * query may not eager-load relationships here (that would need a second statement while the cursor
     * is open): use {@code noload}/{@code lazyload} options, or {@link #execute(Executable)}.
     *
     * @param statement the statement
     * @return the streaming result; close it, or read it to the end
     */
    Mono<AsyncResult> stream(Executable statement);

    /**
     * {@link #stream(Executable)}, first column.
     *
     * @param statement the statement
     * @param <T> the element type
     * @return the streaming values
     */
    <T> Mono<AsyncScalarResult<T>> streamScalars(Executable statement);

    /**
     * Begins a transaction explicitly (the session would also autobegin). No I/O until the first statement.
     *
     * @return the transaction; {@link io.asyncorm.exception.InvalidRequestError} when one is already begun
     */
    Mono<AsyncSessionTransaction> begin();

    /**
     * Runs work in a transaction: commits when the work completes, rolls back on error or cancel.
     *
     * @param work the work, given this session
     * @param <T> the element type
     * @return the work's elements
     */
    <T> Flux<T> begin(Function<? super AsyncSession, ? extends Publisher<T>> work);

    /**
     * Flushes, then sets a SAVEPOINT.
     *
     * @return the nested transaction; its rollback undoes only the work since the savepoint
     */
    Mono<AsyncSessionTransaction> beginNested();

    /**
     * Runs work inside a SAVEPOINT: released when the work completes, rolled back on error or cancel
     * (the error still propagates), leaving the outer transaction's work in place.
     *
     * @param work the work
     * @param <T> the element type
     * @return the work's elements
     */
    <T> Flux<T> beginNested(Function<? super AsyncSession, ? extends Publisher<T>> work);

    /**
     * The session's connection, beginning the transaction if needed; the same connection until commit,
     * rollback or close. Do not close it.
     *
     * @return the connection
     */
    Mono<AsyncConnection> connection();

    /**
     * The session's connection with execution options (SQLAlchemy's {@code connection(execution_options=...)}):
     * applied when the connection is checked out, so an isolation level or read-only mode governs the
     * transaction the session begins on it.
     *
     * @param options the options for the session's connection
     * @return the connection; {@link io.asyncorm.exception.InvalidRequestError} when the transaction has already
     *     begun and the options change its isolation level or read-only mode
     */
    Mono<AsyncConnection> connection(ExecutionOptions options);

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
     * Runs work with autoflush off, restoring the setting afterwards on every path.
     *
     * @param work the work
     * @param <T> the element type
     * @return the work's elements
     */
    <T> Flux<T> noAutoflush(Function<? super AsyncSession, ? extends Publisher<T>> work);

    /**
     * A mutable map for the application's own per-session data, seeded from the maker's info.
     *
     * @return the map
     */
    Map<String, Object> info();

    /**
     * Runs a block of plain, sequential code against a synchronous face of this session (same identity map,
     * same transaction) on a thread where blocking is allowed: SQLAlchemy's {@code run_sync}. Inside the
     * block, and only there, unloaded relationships load when read (collections and lazy references). This
     * is the library's only blocking bridge; it is safe because the block runs on its own thread (a virtual
     * thread, or a bounded elastic one), never on the caller's or an event loop's, and the session is
     * reserved for the block while it runs.
     *
     * <p>Cancelling the returned {@code Mono} interrupts the block (its current call is cancelled and fails,
     * later calls are refused), waits for its thread to leave the block, and rolls back the transaction.
     *
     * <pre>{@code
     * Mono<Void> work = session.runSync(sync -> {
     *     for (A a : sync.list(select(A.class))) {
     *         System.out.println(a + " " + a.getBs());    // lazy load, allowed here
     *     }
     *     sync.getOne(A.class, 1).setData("new data");
     *     return null;
     * }).then(session.commit());
     * }</pre>
     *
     * @param block the code; its return value is the Mono's value (null completes it empty)
     * @param <T> the result type
     * @return the block's result
     */
    <T> Mono<T> runSync(Function<? super SyncSession, ? extends T> block);

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
        return DefaultAsyncSession.sessionOf(entity);
    }

    /**
     * Closes every open session of the process (SQLAlchemy's {@code close_all_sessions}).
     *
     * @return completes when all are closed
     */
    static Mono<Void> closeAll() {
        return DefaultAsyncSession.closeAllSessions();
    }
}
