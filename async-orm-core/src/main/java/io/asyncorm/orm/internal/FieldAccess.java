package io.asyncorm.orm.internal;

import io.asyncorm.exception.InvalidRequestError;
import io.asyncorm.exception.MappingError;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Field;
import org.jspecify.annotations.Nullable;

/**
 * Reads and writes one field of an entity through a {@link VarHandle}, so that private fields work
 * without setters and access costs about what a getter costs.
 */
public final class FieldAccess {

    private final Field field;

    private final VarHandle handle;

    FieldAccess(Field field) {
        this.field = field;
        try {
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(field.getDeclaringClass(), MethodHandles.lookup());
            this.handle = lookup.unreflectVarHandle(field);
        } catch (IllegalAccessException ex) {
            throw new MappingError(where() + ": cannot access the field (" + ex.getMessage() + "); if the entity is in a named "
                    + "module, open its package to io.asyncorm");
        }
    }

    /**
     * The field's value.
     *
     * @param entity the entity
     * @return the value, possibly null
     */
    public @Nullable Object get(Object entity) {
        return this.handle.get(entity);
    }

    /**
     * Sets the field.
     *
     * @param entity the entity
     * @param value the value; null is refused for a primitive field
     */
    public void set(Object entity, @Nullable Object value) {
        if (value == null && this.field.getType().isPrimitive()) {
            throw new InvalidRequestError(where() + " is a primitive " + this.field.getType().getName()
                    + " and cannot hold SQL NULL: declare it with the wrapper type or make the column NOT NULL");
        }
        this.handle.set(entity, value);
    }

    /**
     * The field's declared type.
     *
     * @return the type
     */
    public Class<?> type() {
        return this.field.getType();
    }

    /**
     * The field, for generic type information.
     *
     * @return the field
     */
    public Field field() {
        return this.field;
    }

    String where() {
        return this.field.getDeclaringClass().getName() + "." + this.field.getName();
    }
}
