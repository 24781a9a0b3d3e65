package io.asyncorm.sql;

import io.asyncorm.exception.ArgumentError;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A foreign key: local columns referencing columns of another table, with ON DELETE / ON UPDATE
 * actions. Declared on a column ({@code Column.references}) or, for several columns, as a table element
 * ({@link #of(List, String, List)}). The referenced table is looked up by name in the same
 * {@link MetaData} when DDL runs, so tables may be declared in any order. Immutable.
 */
public final class ForeignKey implements TableElement {

    /** What happens to referencing rows when the referenced row is deleted or its key updated. */
    public enum Action {
        /** Refuse the change (the default). */
        NO_ACTION("NO ACTION"),
        /** Refuse the change at once. */
        RESTRICT("RESTRICT"),
        /** Apply the change to the referencing rows. */
        CASCADE("CASCADE"),
        /** Set the referencing columns to NULL. */
        SET_NULL("SET NULL"),
        /** Set the referencing columns to their defaults. */
        SET_DEFAULT("SET DEFAULT");

        final String sql;

        Action(String sql) {
            this.sql = sql;
        }
    }

    private final List<String> columns;

    private final String targetTable;

    private final List<String> targetColumns;

    private final @Nullable Action onDelete;

    private final @Nullable Action onUpdate;

    private final @Nullable String name;

    private ForeignKey(List<String> columns, String targetTable, List<String> targetColumns, @Nullable Action onDelete,
            @Nullable Action onUpdate, @Nullable String name) {
        if (!columns.isEmpty() && columns.size() != targetColumns.size()) {
            throw new ArgumentError("Foreign key columns " + columns + " and referenced columns " + targetColumns
                    + " differ in number");
        }
        this.columns = List.copyOf(columns);
        this.targetTable = targetTable;
        this.targetColumns = List.copyOf(targetColumns);
        this.onDelete = onDelete;
        this.onUpdate = onUpdate;
        this.name = name;
    }

    /**
     * A foreign key to one column, for {@code Column.references}.
     *
     * @param target {@code "table.column"}
     * @return the foreign key
     */
    public static ForeignKey to(String target) {
        int dot = Objects.requireNonNull(target, "target").lastIndexOf('.');
        if (dot <= 0 || dot == target.length() - 1) {
            throw new ArgumentError("A foreign key target is written 'table.column', got '" + target + "'");
        }
        return new ForeignKey(List.of(), target.substring(0, dot), List.of(target.substring(dot + 1)), null, null, null);
    }

    /**
     * A foreign key over several columns, as a table element.
     *
     * @param columns the local column names
     * @param targetTable the referenced table's name
     * @param targetColumns the referenced column names, in the same order
     * @return the foreign key
     */
    public static ForeignKey of(List<String> columns, String targetTable, List<String> targetColumns) {
        if (columns.isEmpty()) {
            throw new ArgumentError("A foreign key needs at least one column");
        }
        return new ForeignKey(columns, targetTable, targetColumns, null, null, null);
    }

    /**
     * Sets the ON DELETE action.
     *
     * @param action the action
     * @return the foreign key
     */
    public ForeignKey onDelete(Action action) {
        return new ForeignKey(this.columns, this.targetTable, this.targetColumns, action, this.onUpdate, this.name);
    }

    /**
     * Sets the ON UPDATE action.
     *
     * @param action the action
     * @return the foreign key
     */
    public ForeignKey onUpdate(Action action) {
        return new ForeignKey(this.columns, this.targetTable, this.targetColumns, this.onDelete, action, this.name);
    }

    /**
     * Names the constraint (by default {@code fk_<table>_<columns>}).
     *
     * @param name the constraint name
     * @return the foreign key
     */
    public ForeignKey named(String name) {
        return new ForeignKey(this.columns, this.targetTable, this.targetColumns, this.onDelete, this.onUpdate, name);
    }

    ForeignKey withColumns(List<String> localColumns) {
        return new ForeignKey(localColumns, this.targetTable, this.targetColumns, this.onDelete, this.onUpdate, this.name);
    }

    List<String> columns() {
        return this.columns;
    }

    String targetTable() {
        return this.targetTable;
    }

    /**
     * The local column names.
     *
     * @return the names, in order
     */
    public List<String> columnNames() {
        return this.columns;
    }

    /**
     * The name of the referenced table.
     *
     * @return the table name
     */
    public String targetTableName() {
        return this.targetTable;
    }

    List<String> targetColumns() {
        return this.targetColumns;
    }

    @Nullable Action onDelete() {
        return this.onDelete;
    }

    @Nullable Action onUpdate() {
        return this.onUpdate;
    }

    String name(String table) {
        return this.name != null ? this.name : Names.constraint("fk", table, this.columns);
    }

    @Override
    public String toString() {
        return "FOREIGN KEY " + this.columns + " REFERENCES " + this.targetTable + this.targetColumns;
    }
}
