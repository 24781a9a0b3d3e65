package io.asyncorm.sql;

import io.asyncorm.exception.ArgumentError;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * A table of a {@link MetaData}: its columns, primary key, constraints and indexes. Built by
 * {@link MetaData#table(String, TableElement...)}; immutable afterwards. Columns are reached with
 * {@link #c(String)}.
 */
public final class Table extends FromClause {

    private final MetaData metadata;

    private final String name;

    private final Map<String, Column<?>> columns;

    private final List<Column<?>> columnList;

    private final boolean clientDefaults;

    private final List<ForeignKey> foreignKeys;

    private final List<UniqueConstraint> uniques;

    private final List<CheckConstraint> checks;

    private final List<Index> indexes;

    // Set when this table is an alias of another table, a subquery in FROM, or a common table expression.
    private final @Nullable Table aliasOf;

    private final @Nullable Select source;

    private final boolean cte;

    Table(MetaData metadata, String name, TableElement... elements) {
        this(metadata, name, null, null, false, elements);
    }

    private Table(MetaData metadata, String name, @Nullable Table aliasOf, @Nullable Select source, boolean cte,
            TableElement... elements) {
        this.metadata = metadata;
        this.name = name;
        this.aliasOf = aliasOf;
        this.source = source;
        this.cte = cte;
        Map<String, Column<?>> columns = new LinkedHashMap<>();
        List<ForeignKey> foreignKeys = new ArrayList<>();
        List<UniqueConstraint> uniques = new ArrayList<>();
        List<CheckConstraint> checks = new ArrayList<>();
        List<Index> indexes = new ArrayList<>();
        for (TableElement element : elements) {
            if (element instanceof Column<?> column) {
                if (columns.containsKey(column.name())) {
                    throw new ArgumentError("Table '" + name + "' declares column '" + column.name() + "' twice");
                }
                columns.put(column.name(), column.bind(this));
                if (column.foreignKey() != null) {
                    foreignKeys.add(column.foreignKey().withColumns(List.of(column.name())));
                }
                if (column.isUnique()) {
                    uniques.add(new UniqueConstraint(List.of(column.name()), null));
                }
            } else if (element instanceof ForeignKey foreignKey) {
                foreignKeys.add(foreignKey);
            } else if (element instanceof UniqueConstraint unique) {
                uniques.add(unique);
            } else if (element instanceof CheckConstraint check) {
                checks.add(check);
            } else if (element instanceof Index index) {
                indexes.add(index);
            }
        }
        if (columns.isEmpty()) {
            throw new ArgumentError("Table '" + name + "' has no columns");
        }
        this.columns = Collections.unmodifiableMap(columns);
        this.columnList = List.copyOf(columns.values());
        this.clientDefaults = this.columnList.stream().anyMatch(Column::hasDefaultValue);
        this.foreignKeys = List.copyOf(foreignKeys);
        this.uniques = List.copyOf(uniques);
        this.checks = List.copyOf(checks);
        this.indexes = List.copyOf(indexes);
        this.foreignKeys.forEach(fk -> requireColumns(fk.columns(), "foreign key " + fk));
        this.uniques.forEach(u -> requireColumns(u.columns(), "unique constraint"));
        this.indexes.forEach(i -> requireColumns(i.columns(), "index"));
    }

    /**
     * The table under another name, for self-joins: {@code users AS managers}. Its columns are distinct
     * from the table's, so conditions can relate the two.
     *
     * @param alias the alias
     * @return the aliased table
     */
    public Table alias(String alias) {
        Table original = this.aliasOf != null ? this.aliasOf : this;
        return new Table(this.metadata, alias, original, null, false, undeclared(this.columns.values()));
    }

    /** A subquery in FROM or a CTE: a table whose columns are the select's columns. */
    static Table derived(MetaData metadata, String name, Select source, List<Column<?>> columns, boolean cte) {
        return new Table(metadata, name, null, source, cte, columns.toArray(TableElement[]::new));
    }

    private static TableElement[] undeclared(java.util.Collection<Column<?>> columns) {
        return columns.stream().map(Column::unbound).toArray(TableElement[]::new);
    }

    /** The common table expression this table stands for, if it is one. */
    @Nullable Select cteSource() {
        return this.cte ? this.source : null;
    }

    private void requireColumns(List<String> names, String what) {
        for (String column : names) {
            if (!this.columns.containsKey(column)) {
                throw new ArgumentError("The " + what + " of table '" + this.name + "' names column '" + column
                        + "', which the table does not have; columns: " + this.columns.keySet());
            }
        }
    }

    /**
     * The table name.
     *
     * @return the name
     */
    public String name() {
        return this.name;
    }

    /**
     * The metadata the table belongs to.
     *
     * @return the metadata
     */
    public MetaData metadata() {
        return this.metadata;
    }

    /**
     * A column by name, typed by the caller: {@code Column<String> name = users.c("name")}.
     *
     * @param name the column name
     * @param <T> the column's Java type, as declared by its {@link SqlType}
     * @return the column
     * @throws ArgumentError when the table has no such column; the message lists the columns
     */
    @SuppressWarnings("unchecked")
    public <T> Column<T> c(String name) {
        Column<?> column = this.columns.get(name);
        if (column == null) {
            throw new ArgumentError("Table '" + this.name + "' has no column '" + name + "'; columns: " + this.columns.keySet());
        }
        return (Column<T>) column;
    }

    /**
     * The columns in declaration order.
     *
     * @return an immutable list
     */
    public List<Column<?>> columns() {
        return this.columnList;
    }

    /** Whether any column has a client-side default that INSERT fills in. */
    boolean hasClientDefaults() {
        return this.clientDefaults;
    }

    /**
     * The primary key columns in declaration order.
     *
     * @return an immutable list, empty when the table has no primary key
     */
    public List<Column<?>> primaryKey() {
        return this.columns.values().stream().filter(Column::isPrimaryKey).toList();
    }

    /**
     * The foreign keys, column-level ones included.
     *
     * @return an immutable list
     */
    public List<ForeignKey> foreignKeys() {
        return this.foreignKeys;
    }

    /**
     * The unique constraints, column-level ones included (the primary key is not among them).
     *
     * @return an immutable list
     */
    public List<UniqueConstraint> uniqueConstraints() {
        return this.uniques;
    }

    List<CheckConstraint> checks() {
        return this.checks;
    }

    List<Index> indexes() {
        return this.indexes;
    }

    /**
     * Creates the table and its indexes (without checking whether it exists).
     *
     * @param connection the connection to run the DDL on
     * @return completes when created
     */
    public Mono<Void> create(StatementExecutor connection) {
        return SchemaOperations.create(connection, List.of(this), false);
    }

    /**
     * Drops the table.
     *
     * @param connection the connection to run the DDL on
     * @return completes when dropped
     */
    public Mono<Void> drop(StatementExecutor connection) {
        return SchemaOperations.drop(connection, List.of(this), false);
    }

    @Override
    void render(SqlCompiler compiler) {
        if (this.aliasOf != null) {
            compiler.identifier(this.aliasOf.name).append(" AS ");
        } else if (this.source != null && !this.cte) {
            compiler.append("(");
            this.source.render(compiler);
            compiler.append(") AS ");
        }
        compiler.identifier(this.name);
    }

    @Override
    void collectTables(Set<Table> tables) {
        tables.add(this);
    }

    @Override
    public String toString() {
        return this.name;
    }
}
