package io.asyncorm.orm.internal;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.RandomAccess;
import org.jspecify.annotations.Nullable;

/**
 * The list a session puts in a loaded entity's {@code List} or {@code Collection} relationship field.
 * While unloaded, every read or write throws {@link io.asyncorm.exception.ImplicitIoException} (or
 * {@link io.asyncorm.exception.DetachedInstanceError} once the owner left its session), so an unloaded
 * collection never looks empty. Once loaded it is a plain list; the unit of work finds changes by
 * comparing it with the elements it last loaded or flushed.
 *
 * @param <E> the element type
 */
public final class PersistentList<E> extends AbstractList<E> implements RandomAccess, PersistentCollection {

    private final EntityState owner;

    private final String attribute;

    private @Nullable ArrayList<E> elements;

    private PersistentList(EntityState owner, String attribute, @Nullable ArrayList<E> elements) {
        this.owner = owner;
        this.attribute = attribute;
        this.elements = elements;
    }

    static <E> PersistentList<E> unloaded(EntityState owner, String attribute) {
        return new PersistentList<>(owner, attribute, null);
    }

    static <E> PersistentList<E> loaded(EntityState owner, String attribute, Collection<? extends E> elements) {
        return new PersistentList<>(owner, attribute, new ArrayList<>(elements));
    }

    @Override
    public boolean isLoaded() {
        return this.elements != null;
    }

    @SuppressWarnings("unchecked")
    private ArrayList<E> elements() {
        if (this.elements == null && SyncLoader.loadIfAllowed(this.owner, this.attribute) instanceof PersistentList<?> loaded
                && loaded != this && loaded.elements != null) {
            this.elements = new ArrayList<>((ArrayList<E>) loaded.elements);
            SyncLoader.putBack(this.owner, this.attribute, this);
        }
        return UnloadedAttribute.require(this.elements, this.owner, this.attribute);
    }

    @Override
    public E get(int index) {
        return elements().get(index);
    }

    @Override
    public int size() {
        return elements().size();
    }

    @Override
    public E set(int index, E element) {
        return elements().set(index, element);
    }

    @Override
    public void add(int index, E element) {
        elements().add(index, element);
        this.modCount++;
    }

    @Override
    public E remove(int index) {
        E removed = elements().remove(index);
        this.modCount++;
        return removed;
    }

    @Override
    public String toString() {
        return UnloadedAttribute.describe(this.elements, this.attribute);
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other == this || (this.elements != null && super.equals(other));
    }

    @Override
    public int hashCode() {
        return this.elements == null ? System.identityHashCode(this) : super.hashCode();
    }

    @SuppressWarnings("unchecked")
    @Override
    public List<Object> snapshot() {
        return new ArrayList<>((List<Object>) elements());
    }
}
