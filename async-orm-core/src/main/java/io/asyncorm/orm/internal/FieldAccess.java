package io.asyncorm.orm.internal;

import io.asyncorm.exception.InvalidRequestError;
import io.asyncorm.exception.MappingError;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Field;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads and writes one field of an entity through a {@link VarHandle}, so that private fields work
 * without setters and access costs about what a getter costs.
 */
public final class FieldAccess {

    private final Field field;

    private final VarHandle handle;

    private final List<FieldAccess> holders;

    FieldAccess(Field field) {
        this(field, List.of());
    }

    /**
     * Access to a field of an embedded object, reached through its holders (outermost first).
     *
     * @param field the field
     * @param holders the fields holding the embedded objects
     */
    FieldAccess(Field field, List<Field> holders) {
        this.field = field;
        this.handle = handle(field);
        this.holders = holders.stream().map(FieldAccess::new).toList();
    }

    private VarHandle handle(Field target) {
        try {
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(target.getDeclaringClass(), MethodHandles.lookup());
            return lookup.unreflectVarHandle(target);
        } catch (IllegalAccessException ex) {
            throw new MappingError(target.getDeclaringClass().getName() + "." + target.getName() + ": cannot access the field ("
                    + ex.getMessage() + "); if the entity is in a named module, open its package to io.asyncorm");
        }
    }

    private @Nullable Object holder(Object entity, boolean create) {
        Object current = entity;
        for (FieldAccess holder : this.holders) {
            Object next = holder.handle.get(current);
            if (next == null) {
                if (!create) {
                    return null;
                }
                try {
                    var constructor = holder.field.getType().getDeclaredConstructor();
                    constructor.setAccessible(true);
                    next = constructor.newInstance();
                } catch (ReflectiveOperationException ex) {
                    throw new InvalidRequestError("Cannot create embedded " + holder.field.getType().getName() + ": " + ex, ex);
                }
                holder.handle.set(current, next);
            }
            current = next;
        }
        return current;
    }

    /**
     * The field's value.
     *
     * @param entity the entity
     * @return the value, possibly null
     */
    public @Nullable Object get(Object entity) {
        Object target = this.holders.isEmpty() ? entity : holder(entity, false);
        return target == null ? null : this.handle.get(target);
    }

    /**
     * Sets the field.
     *
     * @param entity the entity
     * @param value the value; null is refused for a primitive field
     */
    public void set(Object entity, @Nullable Object value) {
        if (value == null && this.field.getType().isPrimitive() && !this.holders.isEmpty()) {
            return;
        }
        if (value == null && this.field.getType().isPrimitive()) {
            throw new InvalidRequestError(where() + " is a primitive " + this.field.getType().getName()
                    + " and cannot hold SQL NULL: declare it with the wrapper type or make the column NOT NULL");
        }
        Object target = this.holders.isEmpty() ? entity : holder(entity, value != null);
        if (target != null) {
            this.handle.set(target, value);
        }
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
