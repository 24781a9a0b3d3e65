package io.asyncorm.sql;

import io.asyncorm.dialect.Dialect;
import io.asyncorm.exception.ArgumentError;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * An INSERT statement. Immutable and reusable. Three forms:
 * <ul>
 *   <li>{@code insert(t)} executed with parameter maps: the columns are the keys of the parameters
 *       (a list of maps runs as executemany); client-side defaults fill missing columns per row.</li>
 *   <li>{@code insert(t).values(map)} or {@code .values(List.of(map, ...))}: one row, or one multi-row
 *       VALUES; defaults are evaluated when the statement is built.</li>
 *   <li>{@code insert(t).fromSelect(columns, select)}.</li>
 * </ul>
 * {@link #returning(Expression...)} returns rows (RETURNING, or H2's FINAL TABLE);
 * {@link #onConflictDoUpdate(List, Column...)} and {@link #onConflictDoNothing(Column...)} make it an upsert.
 */
public final class Insert implements Executable {

    @Override
    public java.util.Optional<Table> targetTable() {
        return java.util.Optional.of(this.table);
    }

    private final Table table;

    private final List<Map<Column<?>, Expression<?>>> rows;

    private final @Nullable Select from;

    private final List<Column<?>> fromColumns;

    private final List<Expression<?>> returning;

    private final @Nullable Upsert upsert;

    // PostgreSQL insertmanyvalues: one array parameter per column, unnested into rows.
    private final @Nullable Map<Column<?>, Object[]> arrays;

    private final Map<String, CompiledStatement> compiled = new ConcurrentHashMap<>(4);

    /** The statement compiled last, found again without making its cache key (the ORM's INSERTs repeat one shape). */
    private volatile @Nullable LastCompiled last;

    private record LastCompiled(Dialect dialect, Set<String> keys, CompiledStatement statement) {
    }

    private Insert(Table table, List<Map<Column<?>, Expression<?>>> rows, @Nullable Select from, List<Column<?>> fromColumns,
            List<Expression<?>> returning, @Nullable Upsert upsert) {
        this(table, rows, from, fromColumns, returning, upsert, null);
    }

    private Insert(Table table, List<Map<Column<?>, Expression<?>>> rows, @Nullable Select from, List<Column<?>> fromColumns,
            List<Expression<?>> returning, @Nullable Upsert upsert, @Nullable Map<Column<?>, Object[]> arrays) {
        this.arrays = arrays;
        this.table = table;
        this.rows = rows;
        this.from = from;
        this.fromColumns = fromColumns;
        this.returning = returning;
        this.upsert = upsert;
    }

    static Insert into(Table table) {
        return new Insert(table, List.of(), null, List.of(), List.of(), null);
    }

    /**
     * On a conflict on the key columns, leave the existing row as it is (PostgreSQL {@code ON CONFLICT DO
     * NOTHING}; MariaDB {@code ON DUPLICATE KEY UPDATE k = k}; H2 {@code MERGE} without an update).
     *
     * @param keys the columns of the primary key or a unique constraint
     * @return the new statement
     */
    public Insert onConflictDoNothing(Column<?>... keys) {
        return withUpsert(new Upsert(ownColumns(List.of(keys)), List.of()));
    }

    /**
     * On a conflict on the key columns, update the existing row with the inserted values of some columns
     * ({@code ON CONFLICT (keys) DO UPDATE SET c = EXCLUDED.c}, {@code ON DUPLICATE KEY UPDATE}, {@code MERGE}).
     * MariaDB detects conflicts on every unique key, whatever {@code keys} says.
     *
     * @param keys the columns of the primary key or a unique constraint
     * @param updates the columns to take from the inserted row
     * @return the new statement
     */
    public Insert onConflictDoUpdate(List<Column<?>> keys, Column<?>... updates) {
        if (updates.length == 0) {
            throw new ArgumentError("onConflictDoUpdate needs columns to update; use onConflictDoNothing otherwise");
        }
        return withUpsert(new Upsert(ownColumns(keys), ownColumns(List.of(updates))));
    }

    private Insert withUpsert(Upsert upsert) {
        if (upsert.keys().isEmpty()) {
            throw new ArgumentError("An upsert needs the key columns a conflict is detected on");
        }
        if (this.from != null) {
            throw new ArgumentError("An upsert takes values or parameters, not a select");
        }
        return new Insert(this.table, this.rows, null, List.of(), this.returning, upsert);
    }

    private List<Column<?>> ownColumns(List<Column<?>> columns) {
        for (Column<?> column : columns) {
            if (column.table() != this.table) {
                throw new ArgumentError("Column " + column + " is not a column of table '" + this.table.name() + "'");
            }
        }
        return List.copyOf(columns);
    }

    /**
     * One row of values by column name; columns with a client-side default and no value get it now.
     *
     * @param values values (or expressions) by column name
     * @return the new statement
     */
    public Insert values(Map<String, ?> values) {
        return values(List.of(values));
    }

    /**
     * Several rows in one multi-row VALUES; every row must name the same columns.
     *
     * @param rows values by column name, one map per row
     * @return the new statement
     */
    public Insert values(List<? extends Map<String, ?>> rows) {
        if (rows.isEmpty()) {
            throw new ArgumentError("values() needs at least one row");
        }
        List<Map<Column<?>, Expression<?>>> built = new ArrayList<>();
        Set<String> first = null;
        for (Map<String, ?> row : rows) {
            Map<String, Object> complete = withDefaults(row);
            if (first == null) {
                first = complete.keySet();
            } else if (!first.equals(complete.keySet())) {
                throw new ArgumentError("Every row of a multi-row INSERT must name the same columns; " + new TreeSet<>(first)
                        + " differs from " + new TreeSet<>(complete.keySet()));
            }
            Map<Column<?>, Expression<?>> values = new LinkedHashMap<>();
            for (Column<?> column : this.table.columns()) {
                if (complete.containsKey(column.name())) {
                    values.put(column, column.value(complete.get(column.name())));
                }
            }
            built.add(values);
        }
        return new Insert(this.table, List.copyOf(built), null, List.of(), this.returning, this.upsert);
    }

    /**
     * {@code INSERT INTO t (columns) SELECT ...}.
     *
     * @param columns the columns the select fills, in its column order
     * @param select the select
     * @return the new statement
     */
    public Insert fromSelect(List<Column<?>> columns, Select select) {
        for (Column<?> column : columns) {
            if (column.table() != this.table) {
                throw new ArgumentError("Column " + column + " is not a column of table '" + this.table.name() + "'");
            }
        }
        if (this.upsert != null) {
            throw new ArgumentError("An upsert takes values or parameters, not a select");
        }
        return new Insert(this.table, List.of(), select, List.copyOf(columns), this.returning, null);
    }

    /**
     * Returns rows from the insert, for example generated keys.
     *
     * @param columns the columns (or expressions) to return
     * @return the new statement
     */
    public Insert returning(Expression<?>... columns) {
        return new Insert(this.table, this.rows, this.from, this.fromColumns, List.of(columns), this.upsert);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> withDefaults(Map<String, ?> row) {
        for (String key : row.keySet()) {
            this.table.c(key);
        }
        if (!this.table.hasClientDefaults()) {
            return (Map<String, Object>) row;
        }
        Map<String, Object> complete = new HashMap<>(row);
        for (Column<?> column : this.table.columns()) {
            if (column.hasDefaultValue() && !complete.containsKey(column.name())) {
                complete.put(column.name(), column.nextDefaultValue());
            }
        }
        return complete;
    }

    @Override
    public List<Map<String, ?>> prepareParameters(List<Map<String, ?>> parameterSets) {
        if (!this.rows.isEmpty() || this.from != null) {
            return parameterSets;
        }
        List<Map<String, ?>> prepared = new ArrayList<>(parameterSets.size());
        for (Map<String, ?> set : parameterSets) {
            prepared.add(withDefaults(set));
        }
        return prepared;
    }

    @Override
    public Optional<List<Executable>> rewriteMany(Dialect dialect, List<Map<String, ?>> parameterSets) {
        if (!this.rows.isEmpty() || this.from != null || this.arrays != null || parameterSets.size() < 2) {
            return Optional.empty();
        }
        return Optional.of(InsertManyValues.rewrite(this, dialect, parameterSets));
    }

    Table table() {
        return this.table;
    }

    /**
     * The SQL of this insert over {@code rows} rows of the given columns, each value a marker, for
     * pages bound by position: compiled once per page size instead of once per page.
     */
    CompiledStatement template(Dialect dialect, List<Column<?>> columns, int rows) {
        List<Map<Column<?>, Expression<?>>> placeholders = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            Map<Column<?>, Expression<?>> row = new LinkedHashMap<>();
            for (Column<?> column : columns) {
                row.put(column, new BindParam<>("_r" + r + "_" + column.name(), null, false, Object.class, column.type()));
            }
            placeholders.add(row);
        }
        return new Insert(this.table, placeholders, null, List.of(), this.returning, this.upsert).compile(dialect);
    }

    /** This insert over unnested column arrays (PostgreSQL), keeping RETURNING and the upsert clause. */
    Insert withArrays(Map<Column<?>, Object[]> columnArrays) {
        return new Insert(this.table, List.of(), null, List.of(), this.returning, this.upsert, columnArrays);
    }

    @Override
    public CompiledStatement compile(Dialect dialect) {
        return compile(dialect, Set.of());
    }

    @Override
    public CompiledStatement compile(Dialect dialect, Set<String> parameterKeys) {
        boolean keyed = this.rows.isEmpty() && this.from == null && this.arrays == null;
        LastCompiled before = this.last;
        if (before != null && before.dialect == dialect && (!keyed || before.keys.equals(parameterKeys))) {
            return before.statement;
        }
        Set<String> keys = keyed ? new TreeSet<>(parameterKeys) : Set.of();
        CompiledStatement statement = this.compiled.computeIfAbsent(dialect.name() + keys, key -> StatementCache.compile(dialect,
                compiler -> Returning.render(compiler, this.table, this.returning, false, "INSERT", () -> render(compiler, keys))));
        this.last = new LastCompiled(dialect, keys, statement);
        return statement;
    }

    private void render(SqlCompiler compiler, Set<String> keys) {
        if (this.from != null) {
            compiler.append("INSERT INTO ");
            this.table.render(compiler);
            compiler.append(" (");
            compiler.within(Set.of(this.table), false, () -> compiler.list(this.fromColumns));
            compiler.append(") ");
            compiler.within(null, true, () -> this.from.render(compiler));
            return;
        }
        List<Column<?>> columns;
        if (this.arrays != null) {
            columns = List.copyOf(this.arrays.keySet());
        } else if (!this.rows.isEmpty()) {
            columns = List.copyOf(this.rows.get(0).keySet());
        } else {
            keys.forEach(this.table::c);
            columns = this.table.columns().stream().filter(column -> keys.contains(column.name())).toList();
        }
        if (columns.isEmpty()) {
            compiler.append("INSERT INTO ");
            this.table.render(compiler);
            compiler.append(compiler.dialect.defaultValuesClause());
            return;
        }
        Runnable values = () -> renderValues(compiler, columns);
        if (this.upsert != null) {
            Upserts.render(compiler, this.table, columns, this.upsert, values);
            return;
        }
        compiler.append("INSERT INTO ");
        this.table.render(compiler);
        compiler.append(" (");
        compiler.within(Set.of(this.table), false, () -> compiler.list(columns));
        compiler.append(") ");
        values.run();
    }

    /** The rows: VALUES with one row of named parameters or the rows given to {@code values}, or unnested arrays. */
    private void renderValues(SqlCompiler compiler, List<Column<?>> columns) {
        if (this.arrays != null) {
            compiler.append("SELECT * FROM unnest(");
            for (int i = 0; i < columns.size(); i++) {
                compiler.append(i == 0 ? "" : ", ");
                compiler.bind(null, true, this.arrays.get(columns.get(i)));
                compiler.append("::").append(columns.get(i).type().ddl(compiler.dialect)).append("[]");
            }
            compiler.append(")");
            return;
        }
        compiler.append("VALUES ");
        if (this.rows.isEmpty()) {
            compiler.append("(");
            for (int i = 0; i < columns.size(); i++) {
                compiler.append(i == 0 ? "" : ", ");
                compiler.bind(columns.get(i).name(), false, null, columns.get(i).type());
            }
            compiler.append(")");
            return;
        }
        for (int r = 0; r < this.rows.size(); r++) {
            compiler.append(r == 0 ? "(" : ", (");
            List<Expression<?>> values = new ArrayList<>(this.rows.get(r).values());
            compiler.within(null, true, () -> compiler.list(values));
            compiler.append(")");
        }
    }

    @Override
    public String toString() {
        return "Insert(" + this.table.name() + ")";
    }
}
