package io.asyncorm.orm;

import java.util.function.UnaryOperator;
import reactor.core.publisher.Mono;

/**
 * A session's operations on objects that may need I/O: loading by key, merging, refreshing, fetching one
 * attribute, marking for deletion, and flushing pending changes. One of the verb groups that
 * {@link AsyncSession} and {@link AsyncScopedSession} share; the in-memory ones ({@code add}, {@code expire},
 * ...) are on each of them, as they differ in shape (plain on the session, deferred on the scoped one).
 */
public interface SessionObjectOperations {

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
     * @param id the primary-key value; for a composite key an instance of the key class, or the parts in key
     *        order as an array or list
     * @param <T> the entity type
     * @return the object, or empty when no row has that key
     */
    <T> Mono<T> get(Class<T> type, Object id);

    /**
     * {@link #get(Class, Object)} with the load's statement adjusted (SQLAlchemy's {@code get(..., options=,
     * populate_existing=, with_for_update=)}): loader options, {@code populateExisting()}, {@code forUpdate(...)}.
     * With populate-existing or a lock the SELECT always runs (overwriting the object in the identity map, or
     * locking its row); otherwise an object already in the identity map is returned as it is, without SQL.
     *
     * <pre>{@code
     * session.get(A.class, 7, load -> load.options(selectinload(A_.bs)).forUpdate(Select.Lock.WAIT));
     * }</pre>
     *
     * @param type the mapped class
     * @param id the primary-key value; for a composite key an instance of the key class, or the parts in key
     *        order as an array or list
     * @param load adjusts the entity query by key ({@code select(type).where(id = :id)})
     * @param <T> the entity type
     * @return the object, or empty when no row has that key
     */
    <T> Mono<T> get(Class<T> type, Object id, UnaryOperator<EntitySelect<T>> load);

    /**
     * Like {@link #get(Class, Object)}, but a missing row is an error.
     *
     * @param type the mapped class
     * @param id the primary-key value; for a composite key an instance of the key class, or the parts in key
     *        order as an array or list
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
     * {@link #merge(Object)}, or with {@code load = false} SQLAlchemy's {@code merge(obj, load=False)}: no SELECT, the
     * object's column values are taken to be what its row holds (the object must be clean: loaded or flushed, and not
     * changed since). The session's object with that key is overwritten with them, or made from them, as persistent
     * and unmodified; no UPDATE follows. Relationships are not merged; many-to-one references follow the foreign
     * keys and collections are unloaded, as after a query.
     *
     * @param entity the object to copy from; it is not attached
     * @param load false to trust the object's state instead of loading the row
     * @param <T> the entity type
     * @return the persistent object; {@link io.asyncorm.exception.InvalidRequestError} with {@code load = false} for an
     *     object without a primary key (never persisted)
     */
    <T> Mono<T> merge(T entity, boolean load);

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
     * Reloads an object's row under a row lock (SQLAlchemy's {@code refresh(obj, with_for_update=...)}): its columns are
     * read with {@code SELECT ... FOR UPDATE} (or the lock given) in the session's transaction, which holds the lock
     * until it ends; named relationships are then loaded as {@link #refresh(Object, String...)} does.
     *
     * @param entity a persistent object
     * @param lock how to lock: wait, {@code NOWAIT} or {@code SKIP LOCKED} (a skipped row is {@code ObjectDeletedError})
     * @param attributes attribute names, or none for all
     * @return completes when reloaded and locked
     */
    Mono<Void> refresh(Object entity, io.asyncorm.sql.Select.Lock lock, String... attributes);

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
}
