package io.asyncorm.orm;

import io.asyncorm.result.Result;
import io.asyncorm.result.ScalarResult;
import io.asyncorm.sql.Executable;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The synchronous face of an {@link AsyncSession} inside {@link AsyncSession#runSync}: the same session,
 * identity map and transaction, with plain return values, for code written against a blocking API.
 * Inside the block, unloaded relationships load when they are read (the one place async-orm does implicit
 * I/O). Valid only while the block runs.
 */
public interface SyncSession {

    /**
     * The asynchronous session behind this face (for its settings, events and in-memory queries).
     *
     * @return the session
     */
    AsyncSession async();

    /**
     * Adds an object ({@link AsyncSession#add}).
     *
     * @param entity the object
     */
    void add(Object entity);

    /**
     * Adds objects.
     *
     * @param entities the objects
     */
    void addAll(Iterable<?> entities);

    /**
     * Marks an object deleted, loading what its cascades need.
     *
     * @param entity the object
     */
    void delete(Object entity);

    /**
     * Loads an object by primary key (the identity map first).
     *
     * @param type the entity class
     * @param id the key
     * @param <T> the entity type
     * @return the result
     */
    <T> Optional<T> get(Class<T> type, Object id);

    /**
     * Loads an object by primary key or fails with {@code NoResultFound}.
     *
     * @param type the entity class
     * @param id the key
     * @param <T> the entity type
     * @return the result
     */
    <T> T getOne(Class<T> type, Object id);

    /**
     * Merges an object's state into the session.
     *
     * @param entity the object
     * @param <T> the entity type
     * @return the result
     */
    <T> T merge(T entity);

    /**
     * Reloads attributes of an object.
     *
     * @param entity the object
     * @param attributes the attributes, none for all columns
     */
    void refresh(Object entity, String... attributes);

    /**
     * Loads one attribute (plain access does this too inside the block).
     *
     * @param entity the object
     * @param attribute the attribute
     * @param <T> the value type
     * @return the result
     */
    <T> T fetch(Object entity, String attribute);

    /**
     * Expires attributes of an object.
     *
     * @param entity the object
     * @param attributes the attributes, none for all
     */
    void expire(Object entity, String... attributes);

    /**
     * Expires every object.
     *
     */
    void expireAll();

    /**
     * Removes an object from the session.
     *
     * @param entity the object
     */
    void expunge(Object entity);

    /**
     * Removes every object from the session.
     *
     */
    void expungeAll();

    /**
     * Whether an object is pending or persistent in the session.
     *
     * @param entity the object
     * @return the result
     */
    boolean contains(Object entity);

    /**
     * Whether an object has changes to flush.
     *
     * @param entity the object
     * @return the result
     */
    boolean isModified(Object entity);

    /**
     * Runs a statement (entity queries give objects).
     *
     * @param statement the statement
     * @return the result
     */
    Result execute(Executable statement);

    /**
     * Runs a statement with parameters.
     *
     * @param statement the statement
     * @param parameters the parameters
     * @return the result
     */
    Result execute(Executable statement, Map<String, ?> parameters);

    /**
     * Runs a statement once per parameter set.
     *
     * @param statement the statement
     * @param parameterSets the parameter sets
     * @return the result
     */
    Result execute(Executable statement, List<? extends Map<String, ?>> parameterSets);

    /**
     * The first column of every row.
     *
     * @param statement the statement
     * @param <T> the column type
     * @return the result
     */
    <T> ScalarResult<T> scalars(Executable statement);

    /**
     * The objects of an entity query.
     *
     * @param statement the query
     * @param <T> the entity type
     * @return the result
     */
    <T> List<T> list(EntitySelect<T> statement);

    /**
     * The first column of the first row.
     *
     * @param statement the statement
     * @param <T> the column type
     * @return the result
     */
    <T> Optional<T> scalar(Executable statement);

    /**
     * Flushes pending changes.
     *
     */
    void flush();

    /**
     * Flushes and commits.
     *
     */
    void commit();

    /**
     * Rolls back.
     *
     */
    void rollback();

    /**
     * Whether a transaction is open.
     *
     * @return the result
     */
    boolean inTransaction();
}
