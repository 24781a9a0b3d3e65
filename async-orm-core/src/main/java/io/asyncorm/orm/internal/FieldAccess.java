package io.asyncorm.orm.internal;

import io.asyncorm.exception.InvalidRequestError;
import io.asyncorm.exception.MappingError;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Field;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads and writes one field of an entity through method handles made once from its {@link VarHandle}, so that
 * private fields work without setters. The handles take and return {@code Object} and are called exactly, through a
 * {@link FieldAccessor}: from its fields at first, as constants of a hidden class once the field is hot. A
 * {@code VarHandle} held in a field (not a constant) would adapt its types on every call, which the loader's profile
 * showed at several percent of a load.
 */
public final class FieldAccess {

    private final Field field;

    private FieldAccessor accessor;

    /** Reads and writes so far, up to {@link FieldAccessor#HOT}; counted without synchronisation (a lost count is harmless). */
    private int uses;

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
        VarHandle handle = handle(field);
        // A final field's handle is read-only: its setter throws UnsupportedOperationException, as the VarHandle would.
        this.accessor = FieldAccessor.handles(handle.toMethodHandle(VarHandle.AccessMode.GET).asType(MethodType.methodType(Object.class, Object.class)),
                handle.toMethodHandle(VarHandle.AccessMode.SET).asType(MethodType.methodType(void.class, Object.class, Object.class)));
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
            Object next = holder.read(current);
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
                holder.write(current, next);
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
        return target == null ? null : read(target);
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
            write(target, value);
        }
    }

    private @Nullable Object read(Object target) {
        return accessor().get(target);
    }

    private void write(Object target, @Nullable Object value) {
        accessor().set(target, value);
    }

    /** The handles' accessor, replaced by the field's hidden class once the field is hot (threads racing there may each make one). */
    private FieldAccessor accessor() {
        if (this.uses < FieldAccessor.HOT && ++this.uses == FieldAccessor.HOT) {
            this.accessor = this.accessor.constant();
        }
        return this.accessor;
    }

    /** @return whether the field has its hidden class (for tests) */
    boolean hot() {
        return this.accessor.getClass().isHidden();
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
