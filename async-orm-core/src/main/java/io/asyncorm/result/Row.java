package io.asyncorm.result;

import io.asyncorm.exception.InvalidRequestError;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One row of a result, copied out of the driver so it stays valid after the connection moves on.
 * Values are read by position or by name; a value is {@code null} for SQL NULL and binary values are
 * {@code byte[]}. Immutable by convention (do not modify a returned array); equal to another row with
 * equal values, arrays compared by content (so {@code unique()} can compare whole rows).
 */
public final class Row {

    private final RowKeys keys;

    private final @Nullable Object[] values;

    /**
     * Creates a row. The array is taken over, not copied.
     *
     * @param keys the column keys shared by the result's rows
     * @param values one value per key
     */
    public Row(RowKeys keys, @Nullable Object[] values) {
        if (keys.size() != values.length) {
            throw new IllegalArgumentException("Row has " + values.length + " values for keys " + keys);
        }
        this.keys = keys;
        this.values = values;
    }

    /**
     * The column keys.
     *
     * @return the names in column order
     */
    public List<String> keys() {
        return this.keys.names();
    }

    /**
     * The keys object itself, shared by the rows of one result (a result built from rows takes it as is).
     *
     * @return the keys
     */
    public RowKeys rowKeys() {
        return this.keys;
    }

    /**
     * The number of columns.
     *
     * @return the count
     */
    public int size() {
        return this.values.length;
    }

    /**
     * The value at a position.
     *
     * @param index zero-based column index
     * @return the value, or null for SQL NULL
     * @throws InvalidRequestError when the index is out of range
     */
    public @Nullable Object get(int index) {
        // In range (the common case), no key lookup; out of range, the keys say why.
        return index >= 0 && index < this.values.length ? this.values[index] : this.values[this.keys.resolve(index)];
    }

    /**
     * The value of a named column.
     *
     * @param name the column key; an exact match wins, else a case-insensitive one
     * @return the value, or null for SQL NULL
     * @throws InvalidRequestError when there is no such column
     */
    public @Nullable Object get(String name) {
        return this.values[this.keys.indexOf(name)];
    }

    /**
     * The value at a position as a type. Numbers convert to another numeric type when no information
     * is lost (an H2 {@code Integer} read as {@code Long}).
     *
     * @param index zero-based column index
     * @param type the wanted type
     * @param <T> the wanted type
     * @return the value, or null for SQL NULL
     * @throws InvalidRequestError when the value cannot be read as that type
     */
    public <T> @Nullable T get(int index, Class<T> type) {
        return convertAt(get(index), type, index);
    }

    /**
     * The value of a named column as a type; see {@link #get(int, Class)}.
     *
     * @param name the column key
     * @param type the wanted type
     * @param <T> the wanted type
     * @return the value, or null for SQL NULL
     * @throws InvalidRequestError when there is no such column or the value cannot be read as that type
     */
    public <T> @Nullable T get(String name, Class<T> type) {
        return convert(get(name), type, name);
    }

    /**
     * The value of a typed column, converted as {@link #get(int, Class)} does.
     *
     * @param key the column, for example a {@code Column<T>} of a table
     * @param <T> the column's Java type
     * @return the value, or null for SQL NULL
     * @throws InvalidRequestError when the row has no such column or the value cannot be read as {@code T}
     */
    public <T> @Nullable T get(RowKey<T> key) {
        return convert(key.adapt(get(key.rowLabel())), key.javaType(), key.rowLabel());
    }

    /**
     * The value at a position, adapted and converted as a typed column's are; for rows whose labels
     * repeat, such as a join of two tables that both have an {@code id}.
     *
     * @param index zero-based column index
     * @param key the column the value belongs to
     * @param <T> the column's Java type
     * @return the value, or null for SQL NULL
     * @throws InvalidRequestError when the index is out of range or the value cannot be read as {@code T}
     */
    public <T> @Nullable T get(int index, RowKey<T> key) {
        Object value = get(index);
        // The column's name is looked up for the error message only.
        return value == null ? null : convertAt(key.adapt(value), key.javaType(), index);
    }

    /**
     * The values in column order.
     *
     * @return an unmodifiable list that may hold nulls
     */
    public List<@Nullable Object> values() {
        return Collections.unmodifiableList(Arrays.asList(this.values));
    }

    /**
     * The row as a map from key to value, in column order (the {@code RowMapping} of SQLAlchemy).
     *
     * @return an unmodifiable, insertion-ordered map that may hold null values
     */
    public Map<String, @Nullable Object> asMap() {
        Map<String, @Nullable Object> map = new LinkedHashMap<>(this.values.length * 2);
        for (int i = 0; i < this.values.length; i++) {
            map.put(this.keys.names().get(i), this.values[i]);
        }
        return Collections.unmodifiableMap(map);
    }

    /**
     * A row with only some columns, in the order given.
     *
     * @param indexes zero-based column indexes
     * @return the projected row
     */
    Row project(int[] indexes) {
        List<String> names = new ArrayList<>(indexes.length);
        @Nullable Object[] projected = new Object[indexes.length];
        for (int i = 0; i < indexes.length; i++) {
            names.add(this.keys.names().get(indexes[i]));
            projected[i] = this.values[indexes[i]];
        }
        return new Row(RowKeys.of(names), projected);
    }

    /** {@link #convert}, with the column's name looked up only when the value is not of the type already. */
    @SuppressWarnings("unchecked")
    private <T> @Nullable T convertAt(@Nullable Object value, Class<T> type, int index) {
        if (value == null || type.isInstance(value)) {
            return (T) value;
        }
        return convert(value, type, this.keys.names().get(index));
    }

    @SuppressWarnings("unchecked")
    static <T> @Nullable T convert(@Nullable Object value, Class<T> type, String column) {
        if (value == null || type.isInstance(value)) {
            return (T) value;
        }
        if (value instanceof Number number) {
            Object converted = convertNumber(number, type);
            if (converted != null) {
                return (T) converted;
            }
        }
        if (type == String.class) {
            return (T) value.toString();
        }
        throw new InvalidRequestError("Column '" + column + "' holds a " + value.getClass().getName()
                + " (" + value + "), which cannot be read as " + type.getName());
    }

    private static @Nullable Object convertNumber(Number number, Class<?> type) {
        BigDecimal decimal = number instanceof BigDecimal bd ? bd : new BigDecimal(number.toString());
        try {
            if (type == Long.class || type == long.class) {
                return decimal.longValueExact();
            }
            if (type == Integer.class || type == int.class) {
                return decimal.intValueExact();
            }
            if (type == Short.class || type == short.class) {
                return decimal.shortValueExact();
            }
            if (type == BigInteger.class) {
                return decimal.toBigIntegerExact();
            }
        } catch (ArithmeticException lossy) {
            return null;
        }
        if (type == BigDecimal.class) {
            return decimal;
        }
        if (type == Double.class || type == double.class) {
            return number.doubleValue();
        }
        return null;
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof Row row && Arrays.deepEquals(this.values, row.values);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(this.values);
    }

    @Override
    public String toString() {
        return "Row" + Arrays.deepToString(this.values);
    }
}
