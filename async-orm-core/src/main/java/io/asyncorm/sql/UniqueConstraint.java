package io.asyncorm.sql;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A UNIQUE constraint over one or more columns, as a table element. Immutable.
 *
 * @param columns the column names
 * @param name the constraint name, or null for {@code uq_<table>_<columns>}
 */
public record UniqueConstraint(List<String> columns, @Nullable String name) implements TableElement {

    /**
     * Creates the constraint.
     *
     * @param columns the column names
     * @param name the constraint name, or null for the default
     */
    public UniqueConstraint {
        columns = List.copyOf(columns);
    }

    /**
     * An unnamed UNIQUE constraint.
     *
     * @param columns the column names
     * @return the constraint
     */
    public static UniqueConstraint of(String... columns) {
        return new UniqueConstraint(List.of(columns), null);
    }

    String name(String table) {
        return this.name != null ? this.name : Names.constraint("uq", table, this.columns);
    }
}
