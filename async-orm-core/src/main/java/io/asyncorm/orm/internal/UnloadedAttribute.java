package io.asyncorm.orm.internal;

import io.asyncorm.exception.DetachedInstanceError;
import io.asyncorm.exception.InvalidRequestError;
import io.asyncorm.exception.ImplicitIoException;

/** The errors raised when code reads an attribute that is not loaded. */
final class UnloadedAttribute {

    private UnloadedAttribute() {
    }

    /**
     * The elements of an instrumented collection, or the error explaining why they cannot be read.
     *
     * @param elements the elements, null while unloaded
     * @param owner the owner's state
     * @param attribute the collection attribute
     * @param <T> the collection type
     * @return the elements
     */
    static <T> T require(@org.jspecify.annotations.Nullable T elements, EntityState owner, String attribute) {
        if (elements == null) {
            throw error(owner, attribute);
        }
        return elements;
    }

    /** What an instrumented collection prints: its elements, or that it is unloaded. */
    static String describe(@org.jspecify.annotations.Nullable Object elements, String attribute) {
        return elements == null ? "<unloaded " + attribute + ">" : elements.toString();
    }

    static InvalidRequestError error(EntityState owner, String attribute) {
        String type = owner.mapping().entityType().getSimpleName();
        String name = type + "." + attribute;
        String instance = owner.key() != null ? owner.key().toString() : type;
        if (owner.session() == null) {
            return new DetachedInstanceError("Parent instance " + instance + " is not bound to a session; attribute " + name
                    + " is not loaded and cannot be loaded now. Load it while the session is open (a loader option, "
                    + "AsyncAttrs.fetch or session.refresh), or bring the object back with session.merge()");
        }
        String variable = Character.toLowerCase(type.charAt(0)) + type.substring(1);
        return new ImplicitIoException("Attribute " + name + " of " + instance + " is not loaded, and loading it now would be "
                + "database I/O hidden behind a getter, which async-orm never does. Load it explicitly: with the query, "
                + "select(" + type + ".class).options(selectinload(" + type + "_." + attribute + ")); or afterwards, "
                + "AsyncAttrs.fetch(" + variable + ", " + type + "_." + attribute + ") or session.refresh(" + variable + ", \""
                + attribute + "\")");
    }
}
