package io.asyncorm.sql;

import io.asyncorm.dialect.Dialect;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * A DELETE statement. Immutable and reusable; without {@link #where(Expression[])} it deletes every row.
 */
public final class Delete implements Executable {

    @Override
    public java.util.Optional<Table> targetTable() {
        return java.util.Optional.of(this.table);
    }

    private final Table table;

    private final @Nullable Expression<Boolean> where;

    private final List<Expression<?>> returning;

    private final Map<String, CompiledStatement> compiled = new ConcurrentHashMap<>(4);

    private Delete(Table table, @Nullable Expression<Boolean> where, List<Expression<?>> returning) {
        this.table = table;
        this.where = where;
        this.returning = returning;
    }

    static Delete from(Table table) {
        return new Delete(table, null, List.of());
    }

    /**
     * Adds WHERE conditions, joined with AND.
     *
     * @param conditions the predicates
     * @return the new statement
     */
    @SafeVarargs
    public final Delete where(Expression<Boolean>... conditions) {
        return new Delete(this.table, Nodes.combine(this.where, conditions), this.returning);
    }

    /**
     * Returns the deleted rows.
     *
     * @param columns the columns (or expressions) to return
     * @return the new statement
     */
    public Delete returning(Expression<?>... columns) {
        return new Delete(this.table, this.where, List.of(columns));
    }

    @Override
    public CompiledStatement compile(Dialect dialect) {
        return this.compiled.computeIfAbsent(dialect.name(), key -> StatementCache.compile(dialect, compiler ->
            Returning.render(compiler, this.table, this.returning, true, "DELETE", () -> {
                compiler.append("DELETE FROM ");
                this.table.render(compiler);
                if (this.where != null) {
                    compiler.append(" WHERE ");
                    compiler.within(Set.of(this.table), true, () -> this.where.render(compiler));
                }
            })));
    }

    @Override
    public String toString() {
        return "Delete(" + this.table.name() + ")";
    }
}
