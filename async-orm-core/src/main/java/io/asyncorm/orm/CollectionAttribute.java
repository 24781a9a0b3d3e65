package io.asyncorm.orm;

/**
 * A collection relationship of the typed metamodel ({@code A_.bs}), used in loader options
 * ({@code selectinload(A_.bs)}) and for explicit loading ({@code AsyncAttrs.fetch(a, A_.bs)}).
 *
 * @param <E> the entity class
 * @param <T> the element class
 */
public final class CollectionAttribute<E, T> extends Attribute<E, T> {

    CollectionAttribute(Class<E> entityType, String name, Class<T> elementType) {
        super(entityType, name, elementType);
    }
}
