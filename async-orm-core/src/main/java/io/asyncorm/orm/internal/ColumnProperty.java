package io.asyncorm.orm.internal;

import io.asyncorm.sql.Column;
import io.asyncorm.sql.Sequence;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One column of an entity's table and, when a field maps it, how that field is read and written. A
 * foreign-key column that no field maps (the far side of a one-to-many's join column) has no field;
 * the unit of work keeps its value in the entity's state.
 */
public final class ColumnProperty {

    /** How a primary-key value is produced when the entity has none. */
    public enum Generation {
        /** The application sets it. */
        NONE,
        /** The database's identity column; read back with RETURNING. */
        IDENTITY,
        /** A random UUID made on the client at flush. */
        UUID,
        /** Drawn from a database sequence at flush, as many values as rows in one statement. */
        SEQUENCE
    }

    private final String attribute;

    private final Column<?> column;

    private final @Nullable FieldAccess field;

    private final Function<@Nullable Object, @Nullable Object> toDatabase;

    private final Function<@Nullable Object, @Nullable Object> fromDatabase;

    private final boolean id;

    private final boolean version;

    private final boolean insertable;

    private final boolean updatable;

    private final boolean serverDefault;

    private final Generation generation;

    private final boolean deferred;

    private @Nullable Sequence sequence;

    ColumnProperty(String attribute, Column<?> column, @Nullable FieldAccess field, Function<@Nullable Object, @Nullable Object> toDatabase,
            Function<@Nullable Object, @Nullable Object> fromDatabase, boolean id, boolean version, boolean insertable,
            boolean updatable, boolean serverDefault, Generation generation, boolean deferred) {
        this.attribute = attribute;
        this.column = column;
        this.field = field;
        this.toDatabase = toDatabase;
        this.fromDatabase = fromDatabase;
        this.id = id;
        this.version = version;
        this.insertable = insertable;
        this.updatable = updatable;
        this.serverDefault = serverDefault;
        this.generation = generation;
        this.deferred = deferred;
    }

    /** @return whether entity queries leave the column unloaded until it is fetched ({@code @Basic(fetch = LAZY)}) */
    public boolean isDeferred() {
        return this.deferred;
    }

    /** @return the attribute (field) name, or the column name for a column no field maps */
    public String attribute() {
        return this.attribute;
    }

    /** @return the column of the entity's table */
    public Column<?> column() {
        return this.column;
    }

    /** @return the field, or null for a column no field maps */
    public @Nullable FieldAccess field() {
        return this.field;
    }

    /** @return whether this is the primary key */
    public boolean isId() {
        return this.id;
    }

    /** @return whether this is the {@code @Version} column */
    public boolean isVersion() {
        return this.version;
    }

    /** @return whether INSERTs write it */
    public boolean isInsertable() {
        return this.insertable;
    }

    /** @return whether UPDATEs write it */
    public boolean isUpdatable() {
        return this.updatable;
    }

    /** @return whether the database computes it when it is left out of the INSERT */
    public boolean hasServerDefault() {
        return this.serverDefault;
    }

    /** @return how the value is generated */
    public Generation generation() {
        return this.generation;
    }

    /** @return the sequence keys are drawn from, for {@link Generation#SEQUENCE} */
    public @Nullable Sequence sequence() {
        return this.sequence;
    }

    ColumnProperty withSequence(Sequence source) {
        this.sequence = source;
        return this;
    }

    /**
     * Converts a field value to the value bound to SQL.
     *
     * @param value the Java value
     * @return the database value
     */
    public @Nullable Object toDatabase(@Nullable Object value) {
        return value == null ? null : this.toDatabase.apply(value);
    }

    /**
     * Converts a value read from a row to the field's type.
     *
     * @param value the database value
     * @return the Java value
     */
    public @Nullable Object fromDatabase(@Nullable Object value) {
        return value == null ? null : this.fromDatabase.apply(value);
    }

    @Override
    public String toString() {
        return this.column.toString();
    }
}
