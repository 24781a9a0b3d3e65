package io.asyncorm.sql;

import java.util.Objects;

/**
 * An SQL NULL of a known Java type, for drivers that must declare the type of a NULL parameter
 * (PostgreSQL does). Create it with {@link Sql#nullOf(Class)}; a plain {@code null} in a parameter
 * map also works where the database can infer the type.
 *
 * @param type the Java type the column holds
 */
public record TypedNull(Class<?> type) {

    /**
     * Creates a typed NULL.
     *
     * @param type the Java type the column holds
     */
    public TypedNull {
        Objects.requireNonNull(type, "type");
    }
}
