package io.asyncorm.sql;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An index over one or more columns, created after its table. Immutable.
 *
 * @param columns the column names
 * @param unique whether it is a unique index
 * @param name the index name, or null for {@code ix_<table>_<columns>}
 */
public record Index(List<String> columns, boolean unique, @Nullable String name) implements TableElement {

    /**
     * Creates the index.
     *
     * @param columns the column names
     * @param unique whether it is unique
     * @param name the index name, or null for the default
     */
    public Index {
        columns = List.copyOf(columns);
    }

    /**
     * A plain index.
     *
     * @param columns the column names
     * @return the index
     */
    public static Index on(String... columns) {
        return new Index(List.of(columns), false, null);
    }

    /**
     * A unique index.
     *
     * @param columns the column names
     * @return the index
     */
    public static Index uniqueOn(String... columns) {
        return new Index(List.of(columns), true, null);
    }

    String name(String table) {
        return this.name != null ? this.name : Names.constraint(this.unique ? "ux" : "ix", table, this.columns);
    }
}
