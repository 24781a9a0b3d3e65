package io.asyncorm.orm.internal;

import io.asyncorm.orm.mapping.IdentityKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Reads and installs the values of relationship fields, loaded or not. */
final class Relationships {

    private Relationships() {
    }

    /** Whether the relationship's value can be read without I/O. */
    static boolean isLoaded(Object entity, RelationshipProperty relationship) {
        Object value = relationship.field().get(entity);
        return !(value instanceof UnloadedReference) && (!(value instanceof PersistentCollection collection) || collection.isLoaded());
    }

    /** The related objects: a collection's elements, or the one referenced object; empty when unloaded or null. */
    static List<Object> related(Object entity, RelationshipProperty relationship) {
        Object value = relationship.field().get(entity);
        if (value == null || value instanceof UnloadedReference
                || (value instanceof PersistentCollection collection && !collection.isLoaded())) {
            return List.of();
        }
        if (relationship.isCollection()) {
            return new ArrayList<>((Collection<?>) value);
        }
        return List.of(value);
    }

    /** Installs an unloaded collection, or for a reference leaves the field as it is. */
    /** Adds what {@link #related} returns to a list, without a list of its own. */
    static void addRelated(Object entity, RelationshipProperty relationship, List<Object> into) {
        Object value = relationship.field().get(entity);
        if (value == null || value instanceof UnloadedReference
                || (value instanceof PersistentCollection collection && !collection.isLoaded())) {
            return;
        }
        if (relationship.isCollection()) {
            into.addAll((Collection<?>) value);
        } else {
            into.add(value);
        }
    }

    static void unload(EntityState state, RelationshipProperty relationship) {
        if (relationship.isCollection()) {
            relationship.field().set(state.entity(), relationship.isSet() ? PersistentSet.unloaded(state, relationship.name())
                    : PersistentList.unloaded(state, relationship.name()));
            state.collectionSnapshot(relationship.name(), null);
        }
    }

    /** Installs loaded elements (or the referenced object) and records them as the relationship's snapshot. */
    static void install(EntityState state, RelationshipProperty relationship, List<Object> elements) {
        if (relationship.isCollection()) {
            List<Object> ordered = CollectionOrder.sort(relationship, elements);
            relationship.field().set(state.entity(), relationship.isSet() ? PersistentSet.loaded(state, relationship.name(), ordered)
                    : PersistentList.loaded(state, relationship.name(), ordered));
            state.collectionSnapshot(relationship.name(), List.copyOf(ordered));
        } else {
            installReference(state, relationship, elements.isEmpty() ? null : elements.get(0));
        }
    }

    /** Installs a loaded reference (or null) and records it as the relationship's snapshot. */
    static void installReference(EntityState state, RelationshipProperty relationship, @Nullable Object target) {
        relationship.field().set(state.entity(), target);
        state.referenceSnapshot(relationship.name(), target);
    }

    /** Records the current value as flushed, so the next flush compares against it. */
    static void snapshot(EntityState state, RelationshipProperty relationship) {
        if (!isLoaded(state.entity(), relationship)) {
            return;
        }
        if (relationship.isCollection()) {
            state.collectionSnapshot(relationship.name(), List.copyOf(related(state.entity(), relationship)));
        } else {
            state.referenceSnapshot(relationship.name(), relationship.field().get(state.entity()));
        }
    }

    /** The elements of a collection as last loaded or flushed, or null when it was never loaded. */
    static @Nullable List<Object> previous(EntityState state, RelationshipProperty relationship) {
        if (relationship.isCollection()) {
            return state.collectionSnapshot(relationship.name());
        }
        if (!state.hasReferenceSnapshot(relationship.name())) {
            return null;
        }
        Object target = state.referenceSnapshot(relationship.name());
        return target == null ? List.of() : List.of(target);
    }

    /**
     * Sets a many-to-one reference from the foreign key in the object's snapshot: null, the object the identity map
     * holds, or else a placeholder to fetch. The reference is then what the database row says, not what was in memory.
     */
    static void installFromForeignKey(SessionState session, EntityState state, RelationshipProperty relationship) {
        EntityMapping<?> target = EntityMappings.of(relationship.target());
        Object foreignKey = relationship.foreignKey(state.mapping(), state.snapshot());
        if (foreignKey == null) {
            install(state, relationship, List.of());
            return;
        }
        IdentityKey identity = target.key().identityOfRowKey(foreignKey);
        Object key = identity.id();
        Object present = session.get(identity);
        if (present != null) {
            install(state, relationship, List.of(present));
        } else {
            Object placeholder = ReferenceProxies.create(target, key, state, relationship.name());
            relationship.field().set(state.entity(), placeholder);
            state.referenceSnapshot(relationship.name(), placeholder);
        }
    }
}
