package io.asyncorm.sql;

import io.asyncorm.dialect.Dialect;
import io.asyncorm.exception.ArgumentError;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * A SELECT statement. Immutable and reusable: every method returns a new statement, and the compiled
 * SQL is cached per dialect. Without {@link #selectFrom(Table...)} the FROM clause is the tables of the
 * selected columns, in order; a column of a table that is in neither the FROM clause nor a join fails
 * at compile time, naming both.
 *
 * <pre>{@code
 * Select query = Sql.select(users.c("id"), users.c("name"))
 *         .join(teams, teams.c("id").eq(users.c("team_id")))
 *         .where(teams.c("name").eq("core"))
 *         .orderBy(users.c("name").asc())
 *         .limit(10);
 * }</pre>
 */
public final class Select implements Executable {

    @Override
    public boolean isQuery() {
        return true;
    }

    /** Row locking with FOR UPDATE. */
    public enum Lock {
        /** {@code FOR UPDATE}: wait for locked rows. */
        WAIT(""),
        /** {@code FOR UPDATE NOWAIT}: fail at once on a locked row. */
        NOWAIT(" NOWAIT"),
        /** {@code FOR UPDATE SKIP LOCKED}: leave locked rows out. */
        SKIP_LOCKED(" SKIP LOCKED");

        private final String suffix;

        Lock(String suffix) {
            this.suffix = suffix;
        }
    }

    /** A join of one table onto the FROM clause. */
    private record Join(Table table, Expression<Boolean> on, String kind) {
    }

    private record Parts(List<Expression<?>> columns, List<Table> froms, List<Join> joins, @Nullable Expression<Boolean> where,
            List<Expression<?>> groupBy, @Nullable Expression<Boolean> having, List<Ordering> orderBy, @Nullable Integer limit,
            @Nullable Integer offset, boolean distinct, @Nullable Lock lock) {
    }

    private final Parts parts;

    private final Map<String, CompiledStatement> compiled = new ConcurrentHashMap<>(4);

    private Select(Parts parts) {
        this.parts = parts;
    }

    static Select of(Object... columns) {
        List<Expression<?>> expressions = new ArrayList<>();
        for (Object column : columns) {
            if (column instanceof Table table) {
                expressions.addAll(table.columns());
            } else if (column instanceof Expression<?> expression) {
                expressions.add(expression);
            } else {
                throw new ArgumentError("select() takes columns, expressions or tables, not " + column);
            }
        }
        if (expressions.isEmpty()) {
            throw new ArgumentError("select() needs at least one column, expression or table");
        }
        return new Select(new Parts(List.copyOf(expressions), List.of(), List.of(), null, List.of(), null, List.of(), null,
                null, false, null));
    }

    private Select with(Parts parts) {
        return new Select(parts);
    }

    /**
     * Sets the FROM clause explicitly.
     *
     * @param tables the tables
     * @return the new statement
     */
    public Select selectFrom(Table... tables) {
        Parts p = this.parts;
        return with(new Parts(p.columns, List.of(tables), p.joins, p.where, p.groupBy, p.having, p.orderBy, p.limit, p.offset,
                p.distinct, p.lock));
    }

    /**
     * Adds columns to the select list (SQLAlchemy's {@code add_columns}).
     *
     * @param columns columns, expressions or tables (all their columns)
     * @return the new statement
     */
    public Select addColumns(Object... columns) {
        Parts p = this.parts;
        List<Expression<?>> all = new ArrayList<>(p.columns);
        all.addAll(of(columns).parts.columns);
        return with(new Parts(List.copyOf(all), p.froms, p.joins, p.where, p.groupBy, p.having, p.orderBy, p.limit, p.offset,
                p.distinct, p.lock));
    }

    /**
     * The same statement with another select list (SQLAlchemy's {@code with_only_columns}); WHERE, joins and the rest
     * are kept, and without an explicit {@link #selectFrom} the FROM clause follows the new columns.
     *
     * @param columns columns, expressions or tables (all their columns)
     * @return the new statement
     */
    public Select withOnlyColumns(Object... columns) {
        Parts p = this.parts;
        return with(new Parts(of(columns).parts.columns, p.froms, p.joins, p.where, p.groupBy, p.having, p.orderBy, p.limit,
                p.offset, p.distinct, p.lock));
    }

    /**
     * Whether the statement has a LIMIT or an OFFSET.
     *
     * @return whether it does
     */
    public boolean isLimited() {
        return this.parts.limit != null || this.parts.offset != null;
    }

    /**
     * {@code JOIN table ON condition}.
     *
     * @param table the joined table
     * @param on the join condition
     * @return the new statement
     */
    public Select join(Table table, Expression<Boolean> on) {
        return addJoin(table, on, " JOIN ");
    }

    /**
     * {@code LEFT OUTER JOIN table ON condition}.
     *
     * @param table the joined table
     * @param on the join condition
     * @return the new statement
     */
    public Select outerJoin(Table table, Expression<Boolean> on) {
        return addJoin(table, on, " LEFT OUTER JOIN ");
    }

    private Select addJoin(Table table, Expression<Boolean> on, String kind) {
        Parts p = this.parts;
        List<Join> joins = new ArrayList<>(p.joins);
        joins.add(new Join(table, on, kind));
        return with(new Parts(p.columns, p.froms, List.copyOf(joins), p.where, p.groupBy, p.having, p.orderBy, p.limit,
                p.offset, p.distinct, p.lock));
    }

    /**
     * Adds WHERE conditions, joined with AND to those already present.
     *
     * @param conditions the predicates
     * @return the new statement
     */
    @SafeVarargs
    public final Select where(Expression<Boolean>... conditions) {
        Parts p = this.parts;
        return with(new Parts(p.columns, p.froms, p.joins, Nodes.combine(p.where, conditions), p.groupBy, p.having, p.orderBy,
                p.limit, p.offset, p.distinct, p.lock));
    }

    /**
     * Adds GROUP BY expressions.
     *
     * @param expressions the grouping expressions
     * @return the new statement
     */
    public Select groupBy(Expression<?>... expressions) {
        Parts p = this.parts;
        List<Expression<?>> groupBy = new ArrayList<>(p.groupBy);
        groupBy.addAll(List.of(expressions));
        return with(new Parts(p.columns, p.froms, p.joins, p.where, List.copyOf(groupBy), p.having, p.orderBy, p.limit,
                p.offset, p.distinct, p.lock));
    }

    /**
     * Adds HAVING conditions, joined with AND.
     *
     * @param conditions the predicates
     * @return the new statement
     */
    @SafeVarargs
    public final Select having(Expression<Boolean>... conditions) {
        Parts p = this.parts;
        return with(new Parts(p.columns, p.froms, p.joins, p.where, p.groupBy, Nodes.combine(p.having, conditions), p.orderBy,
                p.limit, p.offset, p.distinct, p.lock));
    }

    /**
     * Adds ORDER BY terms: expressions (ascending) or orderings ({@code expr.desc().nullsLast()}).
     *
     * @param terms the terms
     * @return the new statement
     */
    public Select orderBy(Object... terms) {
        Parts p = this.parts;
        List<Ordering> orderBy = new ArrayList<>(p.orderBy);
        for (Object term : terms) {
            orderBy.add(Ordering.of(term));
        }
        return with(new Parts(p.columns, p.froms, p.joins, p.where, p.groupBy, p.having, List.copyOf(orderBy), p.limit,
                p.offset, p.distinct, p.lock));
    }

    /**
     * LIMIT, bound as a parameter.
     *
     * @param rows at least 0
     * @return the new statement
     */
    public Select limit(int rows) {
        requireNotNegative("limit", rows);
        Parts p = this.parts;
        return with(new Parts(p.columns, p.froms, p.joins, p.where, p.groupBy, p.having, p.orderBy, rows, p.offset, p.distinct,
                p.lock));
    }

    /**
     * OFFSET, bound as a parameter.
     *
     * @param rows at least 0
     * @return the new statement
     */
    public Select offset(int rows) {
        requireNotNegative("offset", rows);
        Parts p = this.parts;
        return with(new Parts(p.columns, p.froms, p.joins, p.where, p.groupBy, p.having, p.orderBy, p.limit, rows, p.distinct,
                p.lock));
    }

    /**
     * SELECT DISTINCT.
     *
     * @return the new statement
     */
    public Select distinct() {
        Parts p = this.parts;
        return with(new Parts(p.columns, p.froms, p.joins, p.where, p.groupBy, p.having, p.orderBy, p.limit, p.offset, true,
                p.lock));
    }

    /**
     * Locks the selected rows: {@code FOR UPDATE} with the given behaviour towards locked rows.
     *
     * @param lock how to treat rows locked by others
     * @return the new statement
     */
    public Select forUpdate(Lock lock) {
        Parts p = this.parts;
        return with(new Parts(p.columns, p.froms, p.joins, p.where, p.groupBy, p.having, p.orderBy, p.limit, p.offset,
                p.distinct, lock));
    }

    @Override
    public Optional<List<String>> resultKeys() {
        List<String> names = new ArrayList<>(this.parts.columns.size());
        for (Expression<?> column : this.parts.columns) {
            if (column instanceof Column<?> named) {
                names.add(named.name());
            } else if (column instanceof Terms.Label<?> labeled) {
                names.add(labeled.label);
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(names);
    }

    /**
     * Whether the query locks the rows it selects ({@link #forUpdate(Lock)}), so it must run inside its transaction.
     *
     * @return true with a locking clause
     */
    public boolean locksRows() {
        return this.parts.lock != null;
    }

    /**
     * This query as a value: a scalar subquery of one column and at most one row.
     *
     * @param <T> the Java type of the column
     * @return the subquery expression
     */
    @SuppressWarnings("unchecked")
    public <T> Expression<T> scalarSubquery() {
        if (this.parts.columns.size() != 1) {
            throw new ArgumentError("A scalar subquery selects exactly one column; this one selects " + this.parts.columns.size());
        }
        return new Terms.Subquery<>((Class<T>) this.parts.columns.get(0).javaType(), this);
    }

    /**
     * This query as a table in another query's FROM: {@code (SELECT ...) AS name}. Its columns are named
     * by the selected columns' names or labels.
     *
     * @param name the subquery's name
     * @return the derived table
     */
    public Table subquery(String name) {
        return Table.derived(new MetaData(), name, this, outputColumns(), false);
    }

    /**
     * This query as a common table expression: {@code WITH name AS (SELECT ...)}, written before the
     * statement that selects from it.
     *
     * @param name the CTE's name
     * @return a table to select from and join
     */
    public Table cte(String name) {
        return Table.derived(new MetaData(), name, this, outputColumns(), true);
    }

    private List<Column<?>> outputColumns() {
        List<Column<?>> columns = new ArrayList<>();
        for (Expression<?> expression : this.parts.columns) {
            String name;
            if (expression instanceof Terms.Label<?> label) {
                name = label.label;
            } else if (expression instanceof Column<?> column) {
                name = column.name();
            } else {
                throw new ArgumentError("A subquery or CTE column needs a name: label " + expression + " with as(\"name\")");
            }
            columns.add(Column.of(name, SqlType.custom(expression.javaType(), "")));
        }
        return columns;
    }

    @Override
    public CompiledStatement compile(Dialect dialect) {
        return this.compiled.computeIfAbsent(dialect.name(), key -> {
            return StatementCache.compile(dialect, compiler -> {
                renderWith(compiler);
                render(compiler);
            });
        });
    }

    /** Writes {@code WITH name AS (...), ...} for the common table expressions this query reads from. */
    void renderWith(SqlCompiler compiler) {
        Set<Table> tables = new LinkedHashSet<>(this.parts.froms);
        this.parts.columns.forEach(column -> column.collectTables(tables));
        this.parts.joins.forEach(join -> tables.add(join.table));
        List<Table> ctes = tables.stream().filter(table -> table.cteSource() != null).toList();
        for (int i = 0; i < ctes.size(); i++) {
            compiler.append(i == 0 ? "WITH " : ", ").identifier(ctes.get(i).name()).append(" AS (");
            Select source = ctes.get(i).cteSource();
            compiler.within(null, true, () -> source.render(compiler));
            compiler.append(")");
        }
        if (!ctes.isEmpty()) {
            compiler.append(" ");
        }
    }

    /** Renders this select; as a subquery it may also refer to the enclosing statement's tables. */
    void render(SqlCompiler compiler) {
        Parts p = this.parts;
        Set<Table> froms = new LinkedHashSet<>(p.froms);
        if (froms.isEmpty()) {
            p.columns.forEach(column -> column.collectTables(froms));
            p.joins.forEach(join -> froms.remove(join.table));
        }
        if (froms.isEmpty()) {
            throw new ArgumentError("The SELECT has no table to read from: select columns of a table or call selectFrom()");
        }
        Set<Table> scope = new LinkedHashSet<>(compiler.scope());
        scope.addAll(froms);
        p.joins.forEach(join -> scope.add(join.table));
        compiler.within(scope, true, () -> {
            compiler.append(p.distinct ? "SELECT DISTINCT " : "SELECT ");
            for (int i = 0; i < p.columns.size(); i++) {
                if (i > 0) {
                    compiler.append(", ");
                }
                Expression<?> column = p.columns.get(i);
                if (column instanceof Terms.Label<?> label) {
                    label.renderLabelled(compiler);
                } else {
                    column.render(compiler);
                }
            }
            compiler.append(" FROM ");
            List<Table> fromList = List.copyOf(froms);
            fromList.get(0).render(compiler);
            for (Join join : p.joins) {
                compiler.append(join.kind);
                join.table.render(compiler);
                compiler.append(" ON ");
                join.on.render(compiler);
            }
            for (Table table : fromList.subList(1, fromList.size())) {
                compiler.append(", ");
                table.render(compiler);
            }
            if (p.where != null) {
                compiler.append(" WHERE ");
                p.where.render(compiler);
            }
            if (!p.groupBy.isEmpty()) {
                compiler.append(" GROUP BY ");
                compiler.list(p.groupBy);
            }
            if (p.having != null) {
                compiler.append(" HAVING ");
                p.having.render(compiler);
            }
            for (int i = 0; i < p.orderBy.size(); i++) {
                compiler.append(i == 0 ? " ORDER BY " : ", ");
                p.orderBy.get(i).render(compiler);
            }
            if (p.limit != null) {
                compiler.append(" LIMIT ");
                compiler.bind(null, true, p.limit);
            }
            if (p.offset != null) {
                compiler.append(" OFFSET ");
                compiler.bind(null, true, p.offset);
            }
            if (p.lock != null) {
                compiler.append(" FOR UPDATE").append(p.lock.suffix);
            }
        });
    }


    private static void requireNotNegative(String what, int rows) {
        if (rows < 0) {
            throw new ArgumentError(what + " must not be negative, got " + rows);
        }
    }

    @Override
    public String toString() {
        return "Select" + this.parts.columns;
    }
}
