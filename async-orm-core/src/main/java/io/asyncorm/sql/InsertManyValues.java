package io.asyncorm.sql;

import io.asyncorm.dialect.Dialect;
import io.asyncorm.exception.ArgumentError;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Rewrites an INSERT executed over many parameter sets into few statements (SQLAlchemy's
 * "insertmanyvalues"). PostgreSQL: {@code INSERT ... SELECT * FROM unnest($1::type[], ...)}, one array
 * per column, {@value #UNNEST_ROWS} rows per statement. Others (and PostgreSQL columns without an array
 * type): multi-row VALUES in pages of up to {@value #PAGE_ROWS} rows, fewer when there are many columns
 * so a page stays under every driver's limit on bind parameters. Rows come back (RETURNING) in input
 * order, as each database returns an INSERT's rows in the order they were given.
 */
final class InsertManyValues {

    static final int PAGE_ROWS = 1000;

    static final int UNNEST_ROWS = 10_000;

    private static final int MAX_PARAMETERS = 30_000;

    private InsertManyValues() {
    }

    static List<Executable> rewrite(Insert insert, Dialect dialect, List<Map<String, ?>> sets) {
        Set<String> keys = sets.get(0).keySet();
        for (int i = 1; i < sets.size(); i++) {
            if (!sets.get(i).keySet().equals(keys)) {
                throw new ArgumentError("Every parameter set of an executemany INSERT must name the same columns; set " + (i + 1)
                        + " names " + sets.get(i).keySet() + ", the first " + keys);
            }
        }
        List<Column<?>> columns = insert.table().columns().stream().filter(column -> keys.contains(column.name())).toList();
        if (columns.isEmpty()) {
            return List.of();
        }
        if (dialect.name().equals("postgresql")) {
            List<Executable> unnest = unnest(insert, columns, sets);
            if (unnest != null) {
                return unnest;
            }
        }
        int pageRows = Math.max(1, Math.min(PAGE_ROWS, MAX_PARAMETERS / columns.size()));
        Map<Integer, CompiledStatement> templates = new java.util.HashMap<>();
        List<Executable> pages = new ArrayList<>();
        for (int from = 0; from < sets.size(); from += pageRows) {
            List<Map<String, ?>> page = sets.subList(from, Math.min(sets.size(), from + pageRows));
            CompiledStatement template = templates.computeIfAbsent(page.size(), rows -> insert.template(dialect, columns, rows));
            @Nullable Object[] values = new Object[page.size() * columns.size()];
            int i = 0;
            for (Map<String, ?> row : page) {
                for (Column<?> column : columns) {
                    Object value = row.get(column.name());
                    column.checkValue(value);
                    values[i++] = value;
                }
            }
            CompiledStatement statement = template.withPositionalValues(values);
            pages.add(dialectOf -> statement);
        }
        return pages;
    }

    /** The unnest statements, or null when a column's values cannot travel as an array. */
    private static @Nullable List<Executable> unnest(Insert insert, List<Column<?>> columns, List<Map<String, ?>> sets) {
        List<Executable> statements = new ArrayList<>();
        for (int from = 0; from < sets.size(); from += UNNEST_ROWS) {
            List<Map<String, ?>> page = sets.subList(from, Math.min(sets.size(), from + UNNEST_ROWS));
            Map<Column<?>, Object[]> arrays = new LinkedHashMap<>();
            for (Column<?> column : columns) {
                Object[] array = array(column, page);
                if (array == null) {
                    return null;
                }
                arrays.put(column, array);
            }
            statements.add(insert.withArrays(arrays));
        }
        return statements;
    }

    static @Nullable Object @Nullable [] array(Column<?> column, List<Map<String, ?>> rows) {
        return array(column, rows, column.name());
    }

    /** The values of one parameter of every row as an array of the column's type, or null when they cannot travel as one. */
    static @Nullable Object @Nullable [] array(Column<?> column, List<Map<String, ?>> rows, String key) {
        if (!travelsInArray(column)) {
            return null;
        }
        Class<?> type = column.javaType();
        @Nullable Object[] array = (Object[]) Array.newInstance(type, rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Object value = rows.get(i).get(key);
            if (value instanceof Expression<?>) {
                return null;
            }
            Object converted = convert(value, type);
            if (converted == null && value != null) {
                return null;
            }
            array[i] = converted;
        }
        return array;
    }

    /** Whether a column's values can be bound as one PostgreSQL array of its Java type. */
    static boolean travelsInArray(Column<?> column) {
        Class<?> type = column.javaType();
        return column.type().isPlain() && type != byte[].class && type != Object.class && !type.isArray() && !type.isPrimitive();
    }

    /** A value as an instance of {@code type} (a number of another class converted without loss), or null when it cannot be one. */
    static @Nullable Object convert(@Nullable Object value, Class<?> type) {
        if (value == null || type.isInstance(value)) {
            return value;
        }
        if (value instanceof Number number) {
            BigDecimal decimal = new BigDecimal(number.toString());
            try {
                if (type == Long.class) {
                    return decimal.longValueExact();
                }
                if (type == Integer.class) {
                    return decimal.intValueExact();
                }
                if (type == Short.class) {
                    return decimal.shortValueExact();
                }
                if (type == BigDecimal.class) {
                    return decimal;
                }
                if (type == Double.class) {
                    return number.doubleValue();
                }
            } catch (ArithmeticException lossy) {
                return null;
            }
        }
        return null;
    }
}
