package io.asyncorm.orm.internal;

import io.asyncorm.sql.Column;
import io.asyncorm.sql.Expression;
import io.asyncorm.sql.Select;
import io.asyncorm.sql.Sql;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The IN queries of relationship loads, one statement object per shape (the query they restrict, the key columns, the
 * number of keys): each shape is rendered once per dialect, and a load only binds its keys as parameters. A key of one
 * column is one expanding parameter, {@code WHERE fk IN (:in__keys)} ({@link Column#inExpanding}: one array on
 * PostgreSQL, {@code fk = ANY($1::bigint[])}, which the server plans in less time than 500 markers and which the driver
 * encodes as one value); a key of several columns is {@code (a = :in__0_0 AND b = :in__0_1) OR ...}. Building and
 * rendering an IN list of 100 values was a tenth of a selectin load's own work.
 */
final class InLists {

    /** Shapes kept; when full the cache starts over, as the statement cache does. */
    private static final int MAX_SHAPES = 2048;

    private static final Map<Shape, Select> SELECTS = new ConcurrentHashMap<>();

    /** The parameter holding the keys of a one-column key. */
    private static final String KEYS = "in__keys";

    private static final String[] NAMES = new String[EntityLoader.IN_BATCH];

    private InLists() {
    }

    /** What makes two IN queries the same statement. */
    private record Shape(Object query, List<Column<?>> columns, int count) {
    }

    /**
     * The query restricted to rows whose key columns hold one of {@code count} keys given as {@link #parameters}.
     *
     * @param query what identifies the unrestricted query (an object compared by identity, made once)
     * @param unrestricted the unrestricted query, made on the first use of a shape
     * @param columns the key columns
     * @param count the number of keys
     * @return the same statement object for the same shape
     */
    static Select select(Object query, Supplier<Select> unrestricted, List<Column<?>> columns, int count) {
        Shape shape = new Shape(query, columns, count);
        Select known = SELECTS.get(shape);
        if (known != null) {
            return known;
        }
        if (SELECTS.size() >= MAX_SHAPES) {
            SELECTS.clear();
        }
        Select made = unrestricted.get().where(condition(columns, count));
        SELECTS.put(shape, made);
        return made;
    }

    /**
     * The parameters of {@link #select} for keys in the database form of {@link KeyValues} (a value for one column, a
     * list for several).
     *
     * @param columns the key columns
     * @param keys the keys
     * @return parameter name to value
     */
    static Map<String, @Nullable Object> parameters(List<Column<?>> columns, List<?> keys) {
        if (columns.size() == 1) {
            return Map.of(KEYS, keys);
        }
        Map<String, @Nullable Object> parameters = new HashMap<>(keys.size() * columns.size() * 4 / 3 + 1);
        for (int i = 0; i < keys.size(); i++) {
            List<?> parts = (List<?>) keys.get(i);
            for (int j = 0; j < parts.size(); j++) {
                parameters.put(name(i) + "_" + j, parts.get(j));
            }
        }
        return parameters;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Expression<Boolean> condition(List<Column<?>> columns, int count) {
        if (columns.size() == 1) {
            return columns.get(0).inExpanding(KEYS, count);
        }
        List<Expression<Boolean>> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            List<Expression<Boolean>> terms = new ArrayList<>(columns.size());
            for (int j = 0; j < columns.size(); j++) {
                Column column = columns.get(j);
                terms.add(column.eq(column.bindparam(name(i) + "_" + j)));
            }
            rows.add(Sql.and(terms));
        }
        return rows.size() == 1 ? rows.get(0) : Sql.or(rows.toArray(Expression[]::new));
    }

    private static String name(int index) {
        if (index >= NAMES.length) {
            return "in__" + index;
        }
        String name = NAMES[index];
        if (name == null) {
            name = "in__" + index;
            NAMES[index] = name;
        }
        return name;
    }
}
