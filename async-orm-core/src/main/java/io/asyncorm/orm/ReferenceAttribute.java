package io.asyncorm.orm;

/**
 * A single-valued relationship of the typed metamodel ({@code B_.a}), used in loader options:
 * {@code selectinload(B_.a)}.
 *
 * @param <E> the entity class
 * @param <T> the related class
 */
public final class ReferenceAttribute<E, T> extends Attribute<E, T> {

    ReferenceAttribute(Class<E> entityType, String name, Class<T> type) {
        super(entityType, name, type);
    }
}
