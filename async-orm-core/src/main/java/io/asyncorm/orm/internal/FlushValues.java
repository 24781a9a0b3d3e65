package io.asyncorm.orm.internal;

import io.asyncorm.exception.FlushError;
import io.asyncorm.exception.StaleDataError;
import io.asyncorm.orm.internal.ColumnProperty.Generation;
import io.asyncorm.result.Result;
import io.asyncorm.sql.Column;
import io.asyncorm.sql.Expression;
import io.asyncorm.sql.Sql;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The row values a flush writes, apart from the statements: which columns an INSERT includes, keys
 * generated in memory, initial and next version numbers, a column set on both the row and the object, and
 * the row-count check behind optimistic locking. Used by {@link FlushExecutor}.
 */
final class FlushValues {

    private FlushValues() {
    }

    static boolean included(ColumnProperty property, @Nullable Object value) {
        if (!property.isInsertable()) {
            return false;
        }
        if (value == null && ((property.isId() && property.generation() == Generation.IDENTITY) || property.hasServerDefault())) {
            return false;
        }
        return true;
    }

    static @Nullable Object generateKey(EntityState state, @Nullable Object[] values) {
        PrimaryKey key = state.mapping().key();
        for (ColumnProperty part : key.columns()) {
            if (part != key.generated() && values[state.mapping().indexOf(part.column())] == null) {
                throw new FlushError("Instance " + SessionState.describe(state.entity()) + " has a NULL identifier: set its "
                        + (key.isComposite() ? "key field " + part.attribute() : "@Id field") + ", or declare @GeneratedValue");
            }
        }
        ColumnProperty id = key.generated();
        if (id == null) {
            return null;
        }
        int index = state.mapping().indexOf(id.column());
        if (values[index] != null) {
            return null;
        }
        if (id.generation() == Generation.UUID) {
            UUID uuid = UUID.randomUUID();
            Object value = id.field().type() == String.class ? uuid.toString() : uuid;
            id.field().set(state.entity(), value);
            values[index] = id.toDatabase(value);
            return value;
        }
        return null;
    }

    /** The discriminator value of the object's class, in a single-table hierarchy. */
    static void discriminator(EntityState state, @Nullable Object[] values) {
        EntityMapping.Hierarchy hierarchy = state.mapping().hierarchy();
        if (hierarchy != null) {
            setColumn(state, values, state.mapping().indexOf(state.mapping().table().c(hierarchy.discriminatorColumn())), hierarchy.value());
        }
    }

    static void initialVersion(EntityState state, @Nullable Object[] values) {
        ColumnProperty version = state.mapping().version();
        if (version != null) {
            int index = state.mapping().indexOf(version.column());
            if (values[index] == null) {
                Object initial = EntityMapping.boxed(version.field().type()) == Long.class ? (Object) 1L
                        : EntityMapping.boxed(version.field().type()) == Short.class ? (Object) (short) 1 : (Object) 1;
                version.field().set(state.entity(), initial);
                values[index] = initial;
            }
        }
    }

    static Object nextVersion(@Nullable Object old) {
        if (old instanceof Long value) {
            return value + 1;
        }
        if (old instanceof Short value) {
            return (short) (value + 1);
        }
        return ((Number) old).intValue() + 1;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static Expression<?> typedParameter(String name, Column<?> column) {
        return Sql.bindparam(name, null, (Class) column.javaType());
    }

    static void checkCount(String verb, EntityMapping<?> mapping, int expected, Result result) {
        if (result.rowCount() >= 0 && result.rowCount() != expected) {
            throw new StaleDataError(verb + " statement on table '" + mapping.table().name() + "' expected to " + verb.toLowerCase(
                    Locale.ROOT) + " " + expected + " row(s); " + result.rowCount() + " were matched. The row was changed or "
                    + "deleted by another transaction (optimistic locking): reload " + mapping.entityType().getSimpleName()
                    + " and apply the change again");
        }
    }

    static void setColumn(EntityState state, @Nullable Object[] values, int index, @Nullable Object value) {
        values[index] = value;
        ColumnProperty property = state.mapping().columns().get(index);
        if (property.field() != null) {
            property.field().set(state.entity(), property.fromDatabase(value));
        } else {
            state.hidden(index, value);
        }
    }
}
