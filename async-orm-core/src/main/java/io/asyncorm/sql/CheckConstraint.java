package io.asyncorm.sql;

/**
 * A CHECK constraint with its condition written in SQL, as a table element. Immutable.
 *
 * @param name the constraint name
 * @param condition the condition, for example {@code price >= 0}
 */
public record CheckConstraint(String name, String condition) implements TableElement {

    /**
     * A named CHECK constraint.
     *
     * @param name the constraint name
     * @param condition the condition in SQL
     * @return the constraint
     */
    public static CheckConstraint of(String name, String condition) {
        return new CheckConstraint(name, condition);
    }
}
