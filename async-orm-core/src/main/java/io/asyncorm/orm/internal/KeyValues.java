package io.asyncorm.orm.internal;

import io.asyncorm.result.Row;
import io.asyncorm.sql.Column;
import io.asyncorm.sql.Expression;
import io.asyncorm.sql.Sql;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;

/**
 * Key values in their database form, over one column or several: a one-column key is its value, a key over several
 * columns the list of its values in key-column order. Primary keys ({@link PrimaryKey#rowKey}) and foreign keys
 * ({@link RelationshipProperty#foreignKey}) use the same form, so a foreign key finds the row it references by equality.
 */
final class KeyValues {

    private KeyValues() {
    }

    /**
     * The key in some columns of a row.
     *
     * @param mapping the mapping whose columns index {@code values}
     * @param columns the key's columns
     * @param values the row's values, indexed like the mapping's columns
     * @return the key, or null when a column is NULL
     */
    static @Nullable Object read(EntityMapping<?> mapping, List<Column<?>> columns, @Nullable Object[] values) {
        if (columns.size() == 1) {
            return values[mapping.indexOf(columns.get(0))];
        }
        return key(columns.size(), i -> values[mapping.indexOf(columns.get(i))]);
    }

    /**
     * The key in consecutive columns of a result row.
     *
     * @param row the row
     * @param offset the position of the first column
     * @param columns the key's columns, for their types
     * @return the key, or null when a column is NULL
     */
    static @Nullable Object read(Row row, int offset, List<Column<?>> columns) {
        if (columns.size() == 1) {
            return row.get(offset, columns.get(0));
        }
        return key(columns.size(), i -> row.get(offset + i, columns.get(i)));
    }

    /**
     * The key in a row's values at the given indexes: the value of a one-column key, a list for a composite key, null when
     * a part is NULL.
     */
    static @Nullable Object read(int[] indexes, @Nullable Object[] values) {
        if (indexes.length == 1) {
            return values[indexes[0]];
        }
        return key(indexes.length, i -> values[indexes[i]]);
    }

    /** A key over several columns from its parts: the list, or null when a part is null. */
    private static @Nullable Object key(int size, IntFunction<@Nullable Object> part) {
        Object[] parts = new Object[size];
        for (int i = 0; i < size; i++) {
            parts[i] = part.apply(i);
            if (parts[i] == null) {
                return null;
            }
        }
        return Arrays.asList(parts);
    }

    /**
     * One column's part of a key.
     *
     * @param key the key, or null
     * @param index the column's position in the key
     * @param size the number of columns
     * @return the part, null for a null key
     */
    static @Nullable Object part(@Nullable Object key, int index, int size) {
        if (key == null) {
            return null;
        }
        return size == 1 ? key : ((List<?>) key).get(index);
    }

    /**
     * The condition "the columns hold one of these keys": {@code IN} for one column, an OR of the columns' equalities
     * for several (the same SQL on every dialect).
     *
     * @param columns the key's columns
     * @param keys the keys
     * @return the condition
     */
    @SuppressWarnings("unchecked")
    static Expression<Boolean> in(List<Column<?>> columns, List<?> keys) {
        if (columns.size() == 1) {
            return columns.get(0).in(keys);
        }
        List<Expression<Boolean>> rows = new ArrayList<>();
        for (Object key : keys) {
            List<?> parts = (List<?>) key;
            List<Expression<Boolean>> terms = new ArrayList<>();
            for (int i = 0; i < columns.size(); i++) {
                terms.add(columns.get(i).eq(parts.get(i)));
            }
            rows.add(Sql.and(terms));
        }
        return rows.size() == 1 ? rows.get(0) : Sql.or(rows.toArray(Expression[]::new));
    }

    /**
     * The condition "the columns equal those", pairwise.
     *
     * @param left the columns of one side
     * @param right the columns of the other side
     * @return the condition
     */
    static Expression<Boolean> join(List<? extends Expression<?>> left, List<? extends Expression<?>> right) {
        List<Expression<Boolean>> terms = new ArrayList<>();
        for (int i = 0; i < left.size(); i++) {
            terms.add(left.get(i).eq(right.get(i)));
        }
        return terms.size() == 1 ? terms.get(0) : Sql.and(terms);
    }
}
