package io.asyncorm.sql;

import io.asyncorm.dialect.Dialect;
import io.asyncorm.exception.ArgumentError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * An UPDATE statement. Immutable and reusable.
 *
 * <pre>{@code
 * Sql.update(users).set(users.c("name"), "new").where(users.c("id").eq(1)).returning(users.c("name"));
 * }</pre>
 */
public final class Update implements Executable {

    @Override
    public java.util.Optional<Table> targetTable() {
        return java.util.Optional.of(this.table);
    }

    private final Table table;

    private final Map<Column<?>, Expression<?>> values;

    private final @Nullable Expression<Boolean> where;

    private final List<Expression<?>> returning;

    private final Map<String, CompiledStatement> compiled = new ConcurrentHashMap<>(4);

    private Update(Table table, Map<Column<?>, Expression<?>> values, @Nullable Expression<Boolean> where,
            List<Expression<?>> returning) {
        this.table = table;
        this.values = values;
        this.where = where;
        this.returning = returning;
    }

    static Update of(Table table) {
        return new Update(table, Map.of(), null, List.of());
    }

    /**
     * Sets a column to a value or an expression ({@code c.plus(1)}).
     *
     * @param column a column of the table
     * @param value the value or expression
     * @return the new statement
     */
    public Update set(Column<?> column, @Nullable Object value) {
        if (column.table() != this.table) {
            throw new ArgumentError("Column " + column + " is not a column of table '" + this.table.name() + "'");
        }
        Map<Column<?>, Expression<?>> values = new LinkedHashMap<>(this.values);
        values.put(column, column.value(value));
        return new Update(this.table, values, this.where, this.returning);
    }

    /**
     * Sets columns by name.
     *
     * @param values values (or expressions) by column name
     * @return the new statement
     */
    public Update values(Map<String, ?> values) {
        Update update = this;
        for (Map.Entry<String, ?> entry : values.entrySet()) {
            update = update.set(this.table.c(entry.getKey()), entry.getValue());
        }
        return update;
    }

    /**
     * Adds WHERE conditions, joined with AND.
     *
     * @param conditions the predicates
     * @return the new statement
     */
    @SafeVarargs
    public final Update where(Expression<Boolean>... conditions) {
        return new Update(this.table, this.values, Nodes.combine(this.where, conditions), this.returning);
    }

    /**
     * Returns rows from the update (not on MariaDB, which cannot).
     *
     * @param columns the columns (or expressions) to return
     * @return the new statement
     */
    public Update returning(Expression<?>... columns) {
        return new Update(this.table, this.values, this.where, List.of(columns));
    }

    @Override
    public CompiledStatement compile(Dialect dialect) {
        if (this.values.isEmpty()) {
            throw new ArgumentError("UPDATE of '" + this.table.name() + "' sets no column; call set(column, value) or values(map)");
        }
        return this.compiled.computeIfAbsent(dialect.name(), key -> StatementCache.compile(dialect, compiler ->
            Returning.render(compiler, this.table, this.returning, false, "UPDATE", () -> {
                compiler.append("UPDATE ");
                this.table.render(compiler);
                compiler.append(" SET ");
                int i = 0;
                for (Map.Entry<Column<?>, Expression<?>> entry : this.values.entrySet()) {
                    compiler.append(i++ == 0 ? "" : ", ").identifier(entry.getKey().name()).append(" = ");
                    compiler.within(Set.of(this.table), true, () -> entry.getValue().render(compiler));
                }
                if (this.where != null) {
                    compiler.append(" WHERE ");
                    compiler.within(Set.of(this.table), true, () -> this.where.render(compiler));
                }
            })));
    }

    @Override
    public String toString() {
        return "Update(" + this.table.name() + ")";
    }
}
