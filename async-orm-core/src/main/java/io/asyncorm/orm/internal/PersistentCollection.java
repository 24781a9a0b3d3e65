package io.asyncorm.orm.internal;

import java.util.List;

/** A collection a session installed in a relationship field, which knows whether it is loaded. */
public interface PersistentCollection {

    /**
     * Whether the elements are loaded.
     *
     * @return whether reading it is allowed
     */
    boolean isLoaded();

    /**
     * A copy of the elements.
     *
     * @return the elements
     * @throws io.asyncorm.exception.ImplicitIoException when unloaded
     */
    List<Object> snapshot();
}
