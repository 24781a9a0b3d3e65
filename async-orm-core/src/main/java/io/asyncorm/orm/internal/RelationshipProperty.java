package io.asyncorm.orm.internal;

import io.asyncorm.orm.mapping.LoaderStrategy;
import io.asyncorm.sql.Column;
import io.asyncorm.sql.Table;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A relationship of an entity to another: its direction (where the foreign key lives), the column
 * pairs that join the two tables, cascades and the default loader strategy. Immutable, except that
 * the inverse side is linked once while the registry is built.
 */
public final class RelationshipProperty {

    /** Where the foreign key lives. */
    public enum Direction {
        /** In the owner's table, referencing the target's key ({@code @ManyToOne}, owning {@code @OneToOne}). */
        MANY_TO_ONE,
        /** In the target's table, referencing the owner's key ({@code @OneToMany}, inverse {@code @OneToOne}). */
        ONE_TO_MANY,
        /** In an association table ({@code @ManyToMany}). */
        MANY_TO_MANY
    }

    /** What an operation on the owner does to the related objects. */
    public enum Cascade {
        /** {@code session.delete(owner)} deletes them. */
        DELETE,
        /** {@code session.merge(owner)} merges them. */
        MERGE,
        /** {@code session.refresh(owner)} expires them. */
        REFRESH,
        /** {@code session.expunge(owner)} expunges them. */
        EXPUNGE
    }

    /** A foreign-key column and the key column it references. */
    public record ColumnPair(Column<?> foreignKey, Column<?> referenced) {
    }

    /** An association table's columns, for many-to-many. */
    public record Secondary(Table table, List<ColumnPair> ownerColumns, List<ColumnPair> targetColumns) {

        /** The same association seen from the other side. */
        Secondary reversed() {
            return new Secondary(this.table, this.targetColumns, this.ownerColumns);
        }
    }

    private final String name;

    private final Class<?> owner;

    private final Class<?> target;

    private final FieldAccess field;

    private final Direction direction;

    private final boolean collection;

    private final boolean setCollection;

    private final List<ColumnPair> columns;

    private final List<Column<?>> foreignKeyColumns;

    private final List<Column<?>> referencedColumns;

    private final @Nullable Secondary secondary;

    private final @Nullable String mappedBy;

    private final Set<Cascade> cascades;

    private final boolean orphanRemoval;

    private final LoaderStrategy strategy;

    private @Nullable RelationshipProperty inverse;

    /**
     * Rows per owner the last load of this collection by its owners' keys returned: how much room the next one reserves
     * in its session. A sizing hint shared by every session, written without synchronization (a lost update costs a resize).
     */
    private int rowsPerOwner = 1;

    RelationshipProperty(String name, Class<?> owner, Class<?> target, FieldAccess field, Direction direction, boolean collection,
            boolean setCollection, List<ColumnPair> columns, @Nullable Secondary secondary, @Nullable String mappedBy,
            Set<Cascade> cascades, boolean orphanRemoval, LoaderStrategy strategy) {
        this.name = name;
        this.owner = owner;
        this.target = target;
        this.field = field;
        this.direction = direction;
        this.collection = collection;
        this.setCollection = setCollection;
        this.columns = List.copyOf(columns);
        this.foreignKeyColumns = this.columns.stream().<Column<?>>map(ColumnPair::foreignKey).toList();
        this.referencedColumns = this.columns.stream().<Column<?>>map(ColumnPair::referenced).toList();
        this.secondary = secondary;
        this.mappedBy = mappedBy;
        this.cascades = Set.copyOf(cascades);
        this.orphanRemoval = orphanRemoval;
        this.strategy = strategy;
    }

    /** @return the attribute name */
    public String name() {
        return this.name;
    }

    /** @return the class declaring the relationship */
    public Class<?> owner() {
        return this.owner;
    }

    /** @return the related class */
    public Class<?> target() {
        return this.target;
    }

    /** @return the field holding the related object or collection */
    public FieldAccess field() {
        return this.field;
    }

    /** @return where the foreign key lives */
    public Direction direction() {
        return this.direction;
    }

    /** @return whether the attribute is a collection */
    public boolean isCollection() {
        return this.collection;
    }

    /** @return whether the collection is a {@code Set} */
    public boolean isSet() {
        return this.setCollection;
    }

    /**
     * The join: for {@link Direction#MANY_TO_ONE} the owner's foreign-key columns and the target's key;
     * for {@link Direction#ONE_TO_MANY} the target's foreign-key columns and the owner's key; empty for
     * many-to-many (see {@link #secondary()}).
     *
     * @return the column pairs
     */
    public List<ColumnPair> columns() {
        return this.columns;
    }

    /** @return the foreign-key columns of {@link #columns()}, in the referenced key's column order */
    public List<Column<?>> foreignKeyColumns() {
        return this.foreignKeyColumns;
    }

    /** @return the referenced key columns of {@link #columns()} */
    public List<Column<?>> referencedColumns() {
        return this.referencedColumns;
    }

    /**
     * The foreign key's value in a row of the table that holds it (the owner's for many-to-one, the target's for
     * one-to-many), in the database form of {@code KeyValues}.
     *
     * @param holder the mapping of that table
     * @param values the row's values, indexed like the holder's columns
     * @return the key, or null when a column is NULL
     */
    public @Nullable Object foreignKey(EntityMapping<?> holder, @Nullable Object[] values) {
        return KeyValues.read(holder, this.foreignKeyColumns, values);
    }

    /**
     * Writes a key into the foreign-key columns of a row of the holder's table.
     *
     * @param holder the mapping of the table
     * @param values the row's values
     * @param key the key in the database form, or null
     */
    public void putForeignKey(EntityMapping<?> holder, @Nullable Object[] values, @Nullable Object key) {
        for (int i = 0; i < this.columns.size(); i++) {
            values[holder.indexOf(this.columns.get(i).foreignKey())] = KeyValues.part(key, i, this.columns.size());
        }
    }

    /** @return the association table, for many-to-many */
    public @Nullable Secondary secondary() {
        return this.secondary;
    }

    /** @return the owning side's attribute when this is the inverse side */
    public @Nullable String mappedBy() {
        return this.mappedBy;
    }

    /** @return the other side of a bidirectional relationship */
    public @Nullable RelationshipProperty inverse() {
        return this.inverse;
    }

    /** @return rows per owner the last load of this collection by its owners' keys returned (1 before the first) */
    int rowsPerOwner() {
        return this.rowsPerOwner;
    }

    /**
     * Records rows per owner a load of this collection returned, as a hint for the next.
     *
     * @param rows rows per owner, at least 1
     */
    void rowsPerOwner(int rows) {
        this.rowsPerOwner = rows;
    }

    RelationshipProperty withSecondary(Secondary association) {
        return new RelationshipProperty(this.name, this.owner, this.target, this.field, this.direction, this.collection,
                this.setCollection, this.columns, association, this.mappedBy, this.cascades, this.orphanRemoval, this.strategy);
    }

    RelationshipProperty withColumns(List<ColumnPair> joinColumns) {
        return new RelationshipProperty(this.name, this.owner, this.target, this.field, this.direction, this.collection,
                this.setCollection, joinColumns, this.secondary, this.mappedBy, this.cascades, this.orphanRemoval, this.strategy);
    }

    void linkInverse(RelationshipProperty other, boolean both) {
        this.inverse = other;
        if (both) {
            other.inverse = this;
        }
    }

    /**
     * Whether an operation cascades.
     *
     * @param cascade the operation
     * @return whether it applies to the related objects
     */
    public boolean cascades(Cascade cascade) {
        return this.cascades.contains(cascade);
    }

    /** @return whether objects removed from the collection (or replaced) are deleted */
    public boolean isOrphanRemoval() {
        return this.orphanRemoval;
    }

    /** @return the default loader strategy */
    public LoaderStrategy strategy() {
        return this.strategy;
    }

    /** @return whether the owning side writes the association (not the mappedBy side) */
    public boolean isOwning() {
        return this.mappedBy == null;
    }

    @Override
    public String toString() {
        return this.owner.getSimpleName() + "." + this.name;
    }
}
