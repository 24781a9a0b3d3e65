package io.asyncorm.orm.internal;

import org.jspecify.annotations.Nullable;

/**
 * Lets instrumented attributes load on access, for code running in its session's {@code runSync} block
 * (the only place implicit I/O is allowed): the session is the loader, and it answers only on the block's
 * own thread.
 */
public interface SyncLoader {

    /**
     * Whether the current thread runs this session's {@code runSync} block.
     *
     * @return whether an attribute may load now
     */
    boolean canLoadNow();

    /**
     * Loads an attribute of an object, waiting on the block's thread.
     *
     * @param entity the object
     * @param attribute the relationship attribute
     * @return the attribute's value, as now held by the object's field
     */
    @Nullable Object loadNow(Object entity, String attribute);

    /**
     * The attribute's value loaded now if the current thread may load, else null.
     *
     * @param owner the owner's state
     * @param attribute the relationship attribute
     * @return the loaded value, or null when loading is not allowed here
     */
    static @Nullable Object loadIfAllowed(EntityState owner, String attribute) {
        SyncLoader loader = owner.session();
        if (loader != null && loader.canLoadNow()) {
            return loader.loadNow(owner.entity(), attribute);
        }
        return null;
    }

    /**
     * Puts an instrumented collection back into its owner's field after it adopted the loaded elements,
     * so references the caller already holds stay the live collection.
     *
     * @param owner the owner's state
     * @param attribute the relationship attribute
     * @param collection the collection
     */
    static void putBack(EntityState owner, String attribute, Object collection) {
        RelationshipProperty relationship = owner.mapping().relationship(attribute);
        if (relationship != null) {
            relationship.field().set(owner.entity(), collection);
        }
    }
}
