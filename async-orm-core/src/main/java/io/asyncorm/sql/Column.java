package io.asyncorm.sql;

import io.asyncorm.exception.ArgumentError;
import io.asyncorm.exception.InvalidRequestError;
import io.asyncorm.result.RowKey;
import java.util.Collection;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A column: name, type and options while it is declared, then a typed expression once its table is
 * built by {@link MetaData#table(String, TableElement...)}. Immutable; the option methods return
 * copies. Reading a row through a column ({@code row.get(column)}) gives a value of its Java type.
 *
 * <pre>{@code
 * Table users = metadata.table("users",
 *         Column.of("id", SqlTypes.BIGINT).primaryKey().identity(),
 *         Column.of("email", SqlTypes.varchar(200)).notNull().unique(),
 *         Column.of("team_id", SqlTypes.BIGINT).references("teams.id"));
 * }</pre>
 *
 * @param <T> the Java type of values
 */
public final class Column<T> extends Expression<T> implements TableElement, RowKey<T> {

    private final String name;

    private final SqlType<T> type;

    private final @Nullable Table table;

    private final boolean primaryKey;

    private final boolean nullable;

    private final boolean unique;

    private final boolean identity;

    private final @Nullable Supplier<? extends @Nullable T> defaultValue;

    private final @Nullable String serverDefault;

    private final @Nullable ForeignKey references;

    private Column(String name, SqlType<T> type, @Nullable Table table, boolean primaryKey, boolean nullable, boolean unique,
            boolean identity, @Nullable Supplier<? extends @Nullable T> defaultValue, @Nullable String serverDefault,
            @Nullable ForeignKey references) {
        this.name = name;
        this.type = type;
        this.table = table;
        this.primaryKey = primaryKey;
        this.nullable = nullable;
        this.unique = unique;
        this.identity = identity;
        this.defaultValue = defaultValue;
        this.serverDefault = serverDefault;
        this.references = references;
    }

    /**
     * Declares a nullable column.
     *
     * @param name the column name
     * @param type the column type
     * @param <T> the Java type of values
     * @return the column, to be passed to {@link MetaData#table(String, TableElement...)}
     */
    public static <T> Column<T> of(String name, SqlType<T> type) {
        if (Objects.requireNonNull(name, "name").isBlank()) {
            throw new ArgumentError("A column name must not be blank");
        }
        return new Column<>(name, Objects.requireNonNull(type, "type"), null, false, true, false, false, null, null, null);
    }

    private Column<T> copy(boolean primaryKey, boolean nullable, boolean unique, boolean identity,
            @Nullable Supplier<? extends @Nullable T> defaultValue, @Nullable String serverDefault, @Nullable ForeignKey references) {
        if (this.table != null) {
            throw new InvalidRequestError("Column " + this + " belongs to a built table; declare options before building it");
        }
        return new Column<>(this.name, this.type, null, primaryKey, nullable, unique, identity, defaultValue, serverDefault, references);
    }

    /**
     * Makes the column (part of) the primary key; it becomes NOT NULL.
     *
     * @return the column
     */
    public Column<T> primaryKey() {
        return copy(true, false, this.unique, this.identity, this.defaultValue, this.serverDefault, this.references);
    }

    /**
     * Makes the column NOT NULL.
     *
     * @return the column
     */
    public Column<T> notNull() {
        return copy(this.primaryKey, false, this.unique, this.identity, this.defaultValue, this.serverDefault, this.references);
    }

    /**
     * Adds a UNIQUE constraint on this column alone.
     *
     * @return the column
     */
    public Column<T> unique() {
        return copy(this.primaryKey, this.nullable, true, this.identity, this.defaultValue, this.serverDefault, this.references);
    }

    /**
     * Lets the database generate values (identity / AUTO_INCREMENT); INSERTs leave the column out
     * unless a value is given.
     *
     * @return the column
     */
    public Column<T> identity() {
        return copy(this.primaryKey, false, this.unique, true, this.defaultValue, this.serverDefault, this.references);
    }

    /**
     * A value INSERT uses when none is given (SQLAlchemy's client-side {@code default}).
     *
     * @param value the value
     * @return the column
     */
    public Column<T> defaultValue(@Nullable T value) {
        return copy(this.primaryKey, this.nullable, this.unique, this.identity, () -> value, this.serverDefault, this.references);
    }

    /**
     * A supplier INSERT calls for each row that gives no value, for example {@code UUID::randomUUID}.
     *
     * @param supplier the supplier
     * @return the column
     */
    public Column<T> defaultValue(Supplier<? extends @Nullable T> supplier) {
        return copy(this.primaryKey, this.nullable, this.unique, this.identity, Objects.requireNonNull(supplier),
                this.serverDefault, this.references);
    }

    /**
     * A DEFAULT clause in the DDL, written as given (SQL text such as {@code now()} or {@code 'new'}).
     *
     * @param sql the default expression in SQL
     * @return the column
     */
    public Column<T> serverDefault(String sql) {
        return copy(this.primaryKey, this.nullable, this.unique, this.identity, this.defaultValue, Objects.requireNonNull(sql),
                this.references);
    }

    /**
     * A foreign key from this column to {@code table.column}.
     *
     * @param target the referenced column as {@code "table.column"}
     * @return the column
     */
    public Column<T> references(String target) {
        return references(ForeignKey.to(target));
    }

    /**
     * A foreign key from this column, with its options ({@code ForeignKey.to("a.id").onDelete(CASCADE)}).
     *
     * @param foreignKey the foreign key; its local columns are this column
     * @return the column
     */
    public Column<T> references(ForeignKey foreignKey) {
        return copy(this.primaryKey, this.nullable, this.unique, this.identity, this.defaultValue, this.serverDefault,
                Objects.requireNonNull(foreignKey));
    }

    /** A copy not bound to a table, keeping only name and type (for aliases and derived tables). */
    Column<T> unbound() {
        return new Column<>(this.name, this.type, null, false, true, false, false, null, null, null);
    }

    Column<T> bind(Table table) {
        return new Column<>(this.name, this.type, table, this.primaryKey, this.nullable, this.unique, this.identity,
                this.defaultValue, this.serverDefault, this.references);
    }

    /**
     * The column name.
     *
     * @return the name
     */
    public String name() {
        return this.name;
    }

    /**
     * The column type.
     *
     * @return the type
     */
    public SqlType<T> type() {
        return this.type;
    }

    /**
     * The table the column belongs to.
     *
     * @return the table
     * @throws InvalidRequestError when the column was not built into a table yet
     */
    public Table table() {
        if (this.table == null) {
            throw new InvalidRequestError("Column '" + this.name + "' is not part of a table yet; build it with "
                    + "metadata.table(name, columns...) and use table.c(\"" + this.name + "\")");
        }
        return this.table;
    }

    /** @return whether the column is (part of) the primary key */
    public boolean isPrimaryKey() {
        return this.primaryKey;
    }

    /** @return whether the column accepts NULL */
    public boolean isNullable() {
        return this.nullable;
    }

    /** @return whether the column has a single-column UNIQUE constraint */
    public boolean isUnique() {
        return this.unique;
    }

    /** @return whether the database generates the column's values */
    public boolean isIdentity() {
        return this.identity;
    }

    /** @return the DDL DEFAULT expression, or null */
    public @Nullable String serverDefault() {
        return this.serverDefault;
    }

    /** @return whether INSERT fills the column from a client-side default when no value is given */
    public boolean hasDefaultValue() {
        return this.defaultValue != null;
    }

    @Nullable Object nextDefaultValue() {
        return this.defaultValue == null ? null : this.defaultValue.get();
    }

    @Nullable ForeignKey foreignKey() {
        return this.references;
    }

    @Override
    public Class<T> javaType() {
        return this.type.javaType();
    }

    @Override
    public String rowLabel() {
        return this.name;
    }

    @Override
    public @Nullable Object adapt(@Nullable Object value) {
        return this.type.fromDriver(value);
    }

    @Override
    BindParam<T> bindParam(@Nullable Object value) {
        return new BindParam<>(null, value, true, javaType(), this.type);
    }

    /**
     * A named parameter of this column's type: its value comes from the parameters of {@code execute} and is converted
     * for the driver as this column's values are (SQLAlchemy's {@code bindparam(name, type_=column.type)}).
     *
     * @param name the parameter name
     * @return the parameter
     */
    public BindParam<T> bindparam(String name) {
        return new BindParam<>(Objects.requireNonNull(name, "name"), null, false, javaType(), this.type);
    }

    /**
     * {@code this IN (...)} over {@code count} values given at execute time as one collection parameter (SQLAlchemy's
     * expanding bind parameter, for a known number of values): {@code execute(stmt, Map.of(name, List.of(1, 2, 3)))}.
     * PostgreSQL binds the collection as one array, {@code this = ANY($1::bigint[])}, which it parses and plans in less
     * time than a marker per value; other databases, and types that do not travel in an array, get {@code count}
     * markers. A collection of another size fails with an {@code ArgumentError}; zero values match no row.
     *
     * @param name the parameter name
     * @param count how many values the parameter will hold
     * @return the predicate
     */
    public Expression<Boolean> inExpanding(String name, int count) {
        if (count < 0) {
            throw new ArgumentError("An expanding IN parameter holds zero or more values, not " + count);
        }
        return new Nodes.ExpandingIn(this, Objects.requireNonNull(name, "name"), count);
    }

    @Override
    void render(SqlCompiler compiler) {
        compiler.column(this);
    }

    @Override
    void collectTables(Collection<Table> tables) {
        if (this.table != null) {
            tables.add(this.table);
        }
    }

    @Override
    public String toString() {
        return this.table == null ? this.name : this.table.name() + "." + this.name;
    }
}
