package io.asyncorm.orm.internal;

import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The set a session puts in a loaded entity's {@code Set} relationship field; like
 * {@link PersistentList}, it throws on any use while unloaded. Keeps insertion order.
 *
 * @param <E> the element type
 */
public final class PersistentSet<E> extends AbstractSet<E> implements PersistentCollection {

    private final EntityState owner;

    private final String attribute;

    private @Nullable LinkedHashSet<E> elements;

    private PersistentSet(EntityState owner, String attribute, @Nullable LinkedHashSet<E> elements) {
        this.owner = owner;
        this.attribute = attribute;
        this.elements = elements;
    }

    static <E> PersistentSet<E> unloaded(EntityState owner, String attribute) {
        return new PersistentSet<>(owner, attribute, null);
    }

    static <E> PersistentSet<E> loaded(EntityState owner, String attribute, Collection<? extends E> elements) {
        return new PersistentSet<>(owner, attribute, new LinkedHashSet<>(elements));
    }

    @Override
    public boolean isLoaded() {
        return this.elements != null;
    }

    @SuppressWarnings("unchecked")
    private LinkedHashSet<E> elements() {
        if (this.elements == null && SyncLoader.loadIfAllowed(this.owner, this.attribute) instanceof PersistentSet<?> loaded
                && loaded != this && loaded.elements != null) {
            this.elements = new LinkedHashSet<>((LinkedHashSet<E>) loaded.elements);
            SyncLoader.putBack(this.owner, this.attribute, this);
        }
        return UnloadedAttribute.require(this.elements, this.owner, this.attribute);
    }

    @Override
    public Iterator<E> iterator() {
        return elements().iterator();
    }

    @Override
    public int size() {
        return elements().size();
    }

    @Override
    public boolean add(E element) {
        return elements().add(element);
    }

    @Override
    public boolean contains(@Nullable Object element) {
        return elements().contains(element);
    }

    @Override
    public boolean remove(@Nullable Object element) {
        return elements().remove(element);
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

    @Override
    public List<Object> snapshot() {
        return new ArrayList<>(elements());
    }
}
