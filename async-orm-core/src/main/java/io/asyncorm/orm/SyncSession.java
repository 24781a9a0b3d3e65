package io.asyncorm.orm;

import io.asyncorm.result.Result;
import io.asyncorm.result.ScalarResult;
import io.asyncorm.sql.Executable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The synchronous face of an {@link AsyncSession} inside {@link AsyncSession#runSync}: the same session,
 * identity map and transaction, with plain return values, for code written against a blocking API.
 * Inside the block, unloaded relationships load when they are read (the one place async-orm does implicit
 * I/O). Valid only while the block runs.
 *
 * <p>Every method is the {@link AsyncSession} method of the same name (documented there), waited for:
 * the I/O ones through {@link #await}, the in-memory ones called on {@link #async()} directly. Any other
 * operation of the session can be waited for the same way: {@code sync.await(s -> s.stream(query)...)}.
 */
public interface SyncSession {

    /**
     * The session behind this face: its in-memory methods may be called directly inside the block.
     *
     * @return the session
     * @throws io.asyncorm.exception.InvalidRequestError once the block has ended
     */
    AsyncSession async();

    /**
     * Runs one of the session's operations and waits for it, on the block's thread (the only place
     * async-orm blocks). Cancelling the {@code runSync} interrupts the wait.
     *
     * @param operation the operation, given the session
     * @param <T> its value type
     * @return its value, or null when it completes empty
     * @throws io.asyncorm.exception.InvalidRequestError outside the block, or once it has ended
     * @throws java.util.concurrent.CancellationException when the {@code runSync} was cancelled
     */
    <T> @Nullable T await(Function<? super AsyncSession, ? extends Mono<T>> operation);

    /** @param entity the object; see {@link AsyncSession#add} */
    default void add(Object entity) {
        async().add(entity);
    }

    /** @param entities the objects; see {@link AsyncSession#addAll} */
    default void addAll(Iterable<?> entities) {
        async().addAll(entities);
    }

    /** @param entity the object; see {@link AsyncSession#delete} */
    default void delete(Object entity) {
        await(session -> session.delete(entity));
    }

    /**
     * See {@link AsyncSession#get}.
     *
     * @param type the mapped class
     * @param id the primary-key value
     * @param <T> the entity type
     * @return the object, or empty when no row has that key
     */
    default <T> Optional<T> get(Class<T> type, Object id) {
        return Optional.ofNullable(await(session -> session.get(type, id)));
    }

    /**
     * See {@link AsyncSession#get(Class, Object, UnaryOperator)}.
     *
     * @param type the mapped class
     * @param id the primary-key value
     * @param load adjusts the entity query by key
     * @param <T> the entity type
     * @return the object, or empty when no row has that key
     */
    default <T> Optional<T> get(Class<T> type, Object id, UnaryOperator<EntitySelect<T>> load) {
        return Optional.ofNullable(await(session -> session.get(type, id, load)));
    }

    /**
     * See {@link AsyncSession#getOne}.
     *
     * @param type the mapped class
     * @param id the primary-key value
     * @param <T> the entity type
     * @return the object
     */
    default <T> T getOne(Class<T> type, Object id) {
        return required(await(session -> session.getOne(type, id)));
    }

    /**
     * See {@link AsyncSession#merge}.
     *
     * @param entity the object to copy from
     * @param <T> the entity type
     * @return the persistent object
     */
    default <T> T merge(T entity) {
        return required(await(session -> session.merge(entity)));
    }

    /**
     * See {@link AsyncSession#merge(Object, boolean)}.
     *
     * @param entity the object to copy from
     * @param load false to trust the object's state instead of loading the row
     * @param <T> the entity type
     * @return the persistent object
     */
    default <T> T merge(T entity, boolean load) {
        return required(await(session -> session.merge(entity, load)));
    }

    /**
     * See {@link AsyncSession#refresh}.
     *
     * @param entity a persistent object
     * @param attributes attribute names, or none for all
     */
    default void refresh(Object entity, String... attributes) {
        await(session -> session.refresh(entity, attributes));
    }

    /**
     * See {@link AsyncSession#fetch}.
     *
     * @param entity a persistent object
     * @param attribute the attribute name
     * @param <T> the value type
     * @return the value, null when it is null
     */
    default <T> @Nullable T fetch(Object entity, String attribute) {
        return await(session -> session.<T>fetch(entity, attribute));
    }

    /**
     * See {@link AsyncSession#expire}.
     *
     * @param entity a persistent object
     * @param attributes attribute names, or none for all
     */
    default void expire(Object entity, String... attributes) {
        async().expire(entity, attributes);
    }

    /** See {@link AsyncSession#expireAll}. */
    default void expireAll() {
        async().expireAll();
    }

    /** @param entity the object; see {@link AsyncSession#expunge} */
    default void expunge(Object entity) {
        async().expunge(entity);
    }

    /** See {@link AsyncSession#expungeAll}. */
    default void expungeAll() {
        async().expungeAll();
    }

    /**
     * See {@link AsyncSession#contains}.
     *
     * @param entity an object
     * @return whether it is pending or persistent here
     */
    default boolean contains(Object entity) {
        return async().contains(entity);
    }

    /**
     * See {@link AsyncSession#isModified}.
     *
     * @param entity an object of this session
     * @return whether it is modified
     */
    default boolean isModified(Object entity) {
        return async().isModified(entity);
    }

    /**
     * See {@link AsyncSession#execute(Executable)}.
     *
     * @param statement the statement
     * @return the result
     */
    default Result execute(Executable statement) {
        return required(await(session -> session.execute(statement)));
    }

    /**
     * See {@link AsyncSession#execute(Executable, Map)}.
     *
     * @param statement the statement
     * @param parameters bind parameters by name
     * @return the result
     */
    default Result execute(Executable statement, Map<String, ?> parameters) {
        return required(await(session -> session.execute(statement, parameters)));
    }

    /**
     * See {@link AsyncSession#execute(Executable, Map, io.asyncorm.engine.ExecutionOptions)}.
     *
     * @param statement the statement
     * @param parameters bind parameters by name
     * @param options the call's execution options
     * @return the result
     */
    default Result execute(Executable statement, Map<String, ?> parameters, io.asyncorm.engine.ExecutionOptions options) {
        return required(await(session -> session.execute(statement, parameters, options)));
    }

    /**
     * See {@link AsyncSession#execute(Executable, List)}.
     *
     * @param statement an INSERT, UPDATE or DELETE
     * @param parameterSets one map per execution
     * @return the combined result
     */
    default Result execute(Executable statement, List<? extends Map<String, ?>> parameterSets) {
        return required(await(session -> session.execute(statement, parameterSets)));
    }

    /**
     * See {@link AsyncSession#scalars}.
     *
     * @param statement the statement
     * @param <T> the element type
     * @return the values
     */
    default <T> ScalarResult<T> scalars(Executable statement) {
        return required(await(session -> session.<T>scalars(statement)));
    }

    /**
     * See {@link AsyncSession#list}.
     *
     * @param statement the entity query
     * @param <T> the entity type
     * @return the entities
     */
    default <T> List<T> list(EntitySelect<T> statement) {
        return required(await(session -> session.list(statement)));
    }

    /**
     * See {@link AsyncSession#scalar}.
     *
     * @param statement the statement
     * @param <T> the value type
     * @return the first column of the first row; empty for SQL NULL or no row
     */
    default <T> Optional<T> scalar(Executable statement) {
        Optional<T> value = await(session -> session.<T>scalar(statement));
        return value == null ? Optional.empty() : value;
    }

    /** See {@link AsyncSession#flush}. */
    default void flush() {
        await(AsyncSession::flush);
    }

    /** See {@link AsyncSession#commit}. */
    default void commit() {
        await(AsyncSession::commit);
    }

    /** See {@link AsyncSession#rollback}. */
    default void rollback() {
        await(AsyncSession::rollback);
    }

    /**
     * See {@link AsyncSession#inTransaction}.
     *
     * @return whether a transaction is in progress
     */
    default boolean inTransaction() {
        return async().inTransaction();
    }

    /**
     * The driver's connection of the session's connection (to its default engine), in the session's transaction:
     * SQLAlchemy's {@code driver_connection}. Do not close it or end its transaction.
     *
     * @return the R2DBC connection
     */
    default io.r2dbc.spi.Connection driverConnection() {
        return required(await(session -> session.connection().flatMap(io.asyncorm.engine.AsyncConnection::getRawConnection)));
    }

    private static <T> T required(@Nullable T value) {
        if (value == null) {
            throw new IllegalStateException("The operation completed empty where it always gives a value");
        }
        return value;
    }
}
