package io.asyncorm.orm;

import io.asyncorm.exception.DetachedInstanceError;
import io.asyncorm.orm.internal.EntityLoader;
import io.asyncorm.orm.internal.EntityMappings;
import io.asyncorm.orm.internal.RelationshipProperty;
import io.asyncorm.orm.internal.UnloadedReference;
import java.util.Collection;
import reactor.core.publisher.Mono;

/**
 * Explicit loading of one attribute, the analogue of SQLAlchemy's {@code awaitable_attrs}: the
 * sanctioned way to read a relationship that was not eager-loaded, or an expired attribute. Emits the
 * value without SQL when it is loaded; otherwise loads it with one SELECT on the object's session.
 *
 * <pre>{@code
 * session.scalars(select(A.class).where(A_.id.eq(5)))
 *         .map(ScalarResult::one)
 *         .flatMap(a -> AsyncAttrs.fetch(a, A_.bs))
 *         .doOnNext(bs -> bs.forEach(System.out::println));
 * }</pre>
 *
 * <p>Like every session operation it must not overlap with another one on the same session: fetch the
 * attributes of several objects one after another ({@code concatMap}).
 */
public final class AsyncAttrs {

    private AsyncAttrs() {
    }

    /**
     * Loads a collection relationship if needed.
     *
     * @param entity an object of an open session
     * @param attribute the relationship, from the metamodel
     * @param <E> the entity type
     * @param <T> the element type
     * @return the loaded collection
     */
    public static <E, T> Mono<Collection<T>> fetch(E entity, CollectionAttribute<E, T> attribute) {
        return fetch(entity, attribute.name());
    }

    /**
     * Loads a reference relationship if needed.
     *
     * @param entity an object of an open session
     * @param attribute the relationship, from the metamodel
     * @param <E> the entity type
     * @param <T> the related type
     * @return the related object, or empty when the reference is null
     */
    public static <E, T> Mono<T> fetch(E entity, ReferenceAttribute<E, T> attribute) {
        return fetch(entity, attribute.name());
    }

    /**
     * Reloads a column attribute if it is expired.
     *
     * @param entity an object of an open session
     * @param attribute the column attribute, from the metamodel
     * @param <E> the entity type
     * @param <T> the value type
     * @return the value, or empty when it is null
     */
    public static <E, T> Mono<T> fetch(E entity, ColumnAttribute<E, T> attribute) {
        return fetch(entity, attribute.name());
    }

    /**
     * Loads an attribute by name if needed.
     *
     * @param entity an object of an open session
     * @param attribute the attribute name
     * @param <T> the value type
     * @return the value, empty when null; {@link DetachedInstanceError} when the object is in no session and the
     *     attribute is not loaded (a relationship loaded before the object left its session is returned without I/O, as
     *     SQLAlchemy does)
     */
    public static <T> Mono<T> fetch(Object entity, String attribute) {
        return Mono.defer(() -> AsyncSession.objectSession(entity)
                .map(session -> session.<T>fetch(entity, attribute))
                .orElseGet(() -> detached(entity, attribute)));
    }

    /**
     * A detached object's relationship, when it was loaded. A column is not answered: without its session the object
     * does not say whether the value was expired.
     */
    @SuppressWarnings("unchecked")
    private static <T> Mono<T> detached(Object entity, String attribute) {
        RelationshipProperty relationship = entity instanceof UnloadedReference ? null
                : EntityMappings.of(entity.getClass()).relationship(attribute);
        if (relationship != null && EntityLoader.isLoaded(entity, relationship)) {
            return Mono.justOrEmpty((T) relationship.field().get(entity));
        }
        return Mono.error(new DetachedInstanceError("Instance " + entity.getClass().getSimpleName() + " is not bound to an open "
                + "session; attribute " + attribute + " cannot be loaded. Load it while the session is open, or bring the "
                + "object back with session.merge()"));
    }
}
