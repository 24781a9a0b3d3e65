package io.asyncorm.sql;

import io.asyncorm.dialect.Dialect;
import io.asyncorm.exception.ArgumentError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An UPDATE of many rows by key, each row with its own values: {@code SET} columns from parameters
 * named after them, rows matched by other parameters ({@code WHERE id = :pk AND version = :v}).
 * Executed over many parameter sets, PostgreSQL runs it as one statement per 10,000 rows,
 * {@code UPDATE t SET c = v.c FROM unnest($1::type[], ...) AS v(...) WHERE t.id = v.pk}; other
 * databases run the plain statement once per set in one batch. The row count is the number of rows
 * matched, so a caller can detect rows that changed or vanished. Immutable.
 *
 * <pre>{@code
 * BulkUpdate update = BulkUpdate.of(accounts, List.of(accounts.c("balance")), Map.of("pk", accounts.c("id")));
 * conn.execute(update, List.of(Map.of("balance", 10, "pk", 1), Map.of("balance", 20, "pk", 2)));
 * }</pre>
 */
public final class BulkUpdate implements Executable {

    @Override
    public java.util.Optional<Table> targetTable() {
        return java.util.Optional.of(this.table);
    }

    private final Table table;

    private final List<Column<?>> set;

    private final Map<String, Column<?>> match;

    private final Update single;

    private BulkUpdate(Table table, List<Column<?>> set, Map<String, Column<?>> match) {
        this.table = table;
        this.set = List.copyOf(set);
        this.match = new LinkedHashMap<>(match);
        Update update = Sql.update(table);
        for (Column<?> column : set) {
            update = update.set(column, typed(column.name(), column));
        }
        List<Expression<Boolean>> conditions = new ArrayList<>();
        match.forEach((name, column) -> conditions.add(column.eq(typed(name, column))));
        this.single = update.where(Sql.and(conditions));
    }

    /**
     * Declares the update.
     *
     * @param table the table
     * @param set the columns to set, each from the parameter of its name
     * @param match parameter name to the column it must equal
     * @return the statement
     */
    public static BulkUpdate of(Table table, List<Column<?>> set, Map<String, Column<?>> match) {
        if (set.isEmpty() || match.isEmpty()) {
            throw new ArgumentError("A bulk update needs columns to set and columns to match rows by");
        }
        for (Column<?> column : set) {
            if (match.containsKey(column.name())) {
                throw new ArgumentError("Parameter '" + column.name() + "' both sets and matches; name the match parameter differently");
            }
        }
        return new BulkUpdate(table, set, match);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Expression<?> typed(String name, Column<?> column) {
        return Sql.bindparam(name, null, (Class) column.javaType());
    }

    @Override
    public CompiledStatement compile(Dialect dialect) {
        return this.single.compile(dialect);
    }

    @Override
    public Optional<List<Executable>> rewriteMany(Dialect dialect, List<Map<String, ?>> parameterSets) {
        if (!dialect.name().equals("postgresql")) {
            return Optional.empty();
        }
        List<String> names = new ArrayList<>();
        List<Column<?>> columns = new ArrayList<>();
        this.set.forEach(column -> {
            names.add(column.name());
            columns.add(column);
        });
        this.match.forEach((name, column) -> {
            names.add(name);
            columns.add(column);
        });
        List<Executable> statements = new ArrayList<>();
        for (int from = 0; from < parameterSets.size(); from += InsertManyValues.UNNEST_ROWS) {
            List<Map<String, ?>> page = parameterSets.subList(from, Math.min(parameterSets.size(), from + InsertManyValues.UNNEST_ROWS));
            Map<String, @Nullable Object> arrays = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i);
                Object[] array = InsertManyValues.array(columns.get(i), page, name);
                if (array == null) {
                    return Optional.empty();
                }
                arrays.put("a" + i, array);
            }
            CompiledStatement statement = new CompiledStatement(sql(dialect, names, columns), List.copyOf(arrays.keySet()), arrays);
            statements.add(d -> statement);
        }
        return Optional.of(statements);
    }

    private String sql(Dialect dialect, List<String> names, List<Column<?>> columns) {
        StringBuilder sql = new StringBuilder("UPDATE ").append(dialect.identifier(this.table.name())).append(" SET ");
        for (int i = 0; i < this.set.size(); i++) {
            String column = dialect.identifier(this.set.get(i).name());
            sql.append(i == 0 ? "" : ", ").append(column).append(" = v.").append(dialect.identifier(names.get(i)));
        }
        sql.append(" FROM unnest(");
        for (int i = 0; i < names.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(dialect.bindMarker(i)).append("::").append(columns.get(i).type().ddl(dialect)).append("[]");
        }
        sql.append(") AS v(");
        for (int i = 0; i < names.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(dialect.identifier(names.get(i)));
        }
        sql.append(") WHERE ");
        int i = this.set.size();
        for (Map.Entry<String, Column<?>> entry : this.match.entrySet()) {
            sql.append(i == this.set.size() ? "" : " AND ").append(dialect.identifier(this.table.name())).append('.')
                    .append(dialect.identifier(entry.getValue().name())).append(" = v.").append(dialect.identifier(entry.getKey()));
            i++;
        }
        return sql.toString();
    }

    @Override
    public String toString() {
        return "BulkUpdate(" + this.table.name() + ")";
    }
}
