package io.asyncorm.result;

import org.jspecify.annotations.Nullable;

/**
 * A typed way to read a column from a {@link Row}: {@code row.get(key)} returns the value as
 * {@link #javaType()}. SQL columns ({@code io.asyncorm.sql.Column}) are row keys.
 *
 * @param <T> the Java type of the value
 */
public interface RowKey<T> {

    /**
     * The label the value has in a row.
     *
     * @return the column key
     */
    String rowLabel();

    /**
     * The Java type the value is read as.
     *
     * @return the type
     */
    Class<T> javaType();

    /**
     * Turns a value as the driver returned it into one of {@link #javaType()} when the driver cannot
     * (an enum from its name); the default returns it as it is.
     *
     * @param value the driver's value, or null
     * @return the adapted value, or null
     */
    default @Nullable Object adapt(@Nullable Object value) {
        return value;
    }
}
