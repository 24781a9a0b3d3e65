package io.asyncorm.sql;

import io.asyncorm.dialect.Dialect;
import io.asyncorm.result.Row;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Reads the schema back from the database's catalog (SQLAlchemy's {@code inspect(conn)}, which the
 * seed runs through {@code run_sync}; here every method is a {@code Mono}). Names come back as the
 * dialect normalises them (lower case for H2's folded names). Bound to one connection; use it
 * sequentially.
 *
 * <pre>{@code
 * engine.connect(conn -> Inspector.of(conn).tableNames());
 * }</pre>
 */
public final class Inspector {

    /**
     * A column as the catalog describes it.
     *
     * @param name the column name
     * @param type the database's type name, for example {@code integer} or {@code character varying}
     * @param nullable whether it accepts NULL
     * @param defaultValue the DEFAULT expression as the database reports it, or null
     */
    public record ColumnInfo(String name, String type, boolean nullable, @Nullable String defaultValue) {
    }

    /**
     * A foreign key as the catalog describes it.
     *
     * @param name the constraint name
     * @param columns the local columns in order
     * @param referredTable the referenced table
     * @param referredColumns the referenced columns in order
     */
    public record ForeignKeyInfo(String name, List<String> columns, String referredTable, List<String> referredColumns) {
    }

    /**
     * A named group of columns: a unique constraint or an index.
     *
     * @param name the constraint or index name
     * @param columns the columns in order
     * @param unique whether values must be unique
     */
    public record KeyInfo(String name, List<String> columns, boolean unique) {
    }

    private final StatementExecutor connection;

    private final Dialect dialect;

    private Inspector(StatementExecutor connection) {
        this.connection = connection;
        this.dialect = connection.dialect();
    }

    /**
     * An inspector on a connection.
     *
     * @param connection the connection whose catalog to read
     * @return the inspector
     */
    public static Inspector of(StatementExecutor connection) {
        return new Inspector(Objects.requireNonNull(connection, "connection"));
    }

    /**
     * The base tables of the current schema.
     *
     * @return the names, sorted
     */
    public Mono<List<String>> tableNames() {
        return names(this.dialect.catalogQueries().tables(), Map.of());
    }

    /**
     * The views of the current schema.
     *
     * @return the names, sorted
     */
    public Mono<List<String>> viewNames() {
        return names(this.dialect.catalogQueries().views(), Map.of());
    }

    /**
     * The columns of a table.
     *
     * @param table the table name
     * @return the columns in table order; empty when there is no such table
     */
    public Mono<List<ColumnInfo>> columns(String table) {
        return rows(this.dialect.catalogQueries().columns(), table).map(rows -> rows.stream()
                .map(row -> new ColumnInfo(name(row, 0), String.valueOf(row.get(1)).toLowerCase(java.util.Locale.ROOT),
                        "YES".equalsIgnoreCase(String.valueOf(row.get(2))), row.get(3) == null ? null : String.valueOf(row.get(3))))
                .toList());
    }

    /**
     * The primary key columns of a table.
     *
     * @param table the table name
     * @return the columns in key order; empty when there is no primary key
     */
    public Mono<List<String>> primaryKey(String table) {
        return names(this.dialect.catalogQueries().primaryKey(), Map.of("table", table));
    }

    /**
     * The foreign keys of a table.
     *
     * @param table the table name
     * @return the foreign keys, by constraint name
     */
    public Mono<List<ForeignKeyInfo>> foreignKeys(String table) {
        return rows(this.dialect.catalogQueries().foreignKeys(), table).map(rows -> {
            Map<String, ForeignKeyInfo> keys = new LinkedHashMap<>();
            for (Row row : rows) {
                String name = name(row, 0);
                ForeignKeyInfo key = keys.computeIfAbsent(name, n -> new ForeignKeyInfo(n, new ArrayList<>(), name(row, 2), new ArrayList<>()));
                key.columns().add(name(row, 1));
                key.referredColumns().add(name(row, 3));
            }
            return keys.values().stream().map(k -> new ForeignKeyInfo(k.name(), List.copyOf(k.columns()), k.referredTable(),
                    List.copyOf(k.referredColumns()))).toList();
        });
    }

    /**
     * The UNIQUE constraints of a table.
     *
     * @param table the table name
     * @return the constraints, by name
     */
    public Mono<List<KeyInfo>> uniqueConstraints(String table) {
        return rows(this.dialect.catalogQueries().uniqueConstraints(), table).map(rows -> group(rows, row -> true));
    }

    /**
     * The indexes of a table that do not back a primary key, unique or foreign key constraint.
     *
     * @param table the table name
     * @return the indexes, by name
     */
    public Mono<List<KeyInfo>> indexes(String table) {
        return rows(this.dialect.catalogQueries().indexes(), table)
                .map(rows -> group(rows, Inspector::isTrue));
    }

    // The catalogs report a flag as a boolean (PostgreSQL, H2) or a number (MariaDB).
    private static boolean isTrue(Row row) {
        Object flag = row.get(2);
        return flag instanceof Boolean b ? b : flag instanceof Number n && n.intValue() != 0;
    }

    private List<KeyInfo> group(List<Row> rows, java.util.function.Predicate<Row> unique) {
        Map<String, List<String>> columns = new LinkedHashMap<>();
        Map<String, Boolean> uniqueness = new LinkedHashMap<>();
        for (Row row : rows) {
            columns.computeIfAbsent(name(row, 0), n -> new ArrayList<>()).add(name(row, 1));
            uniqueness.putIfAbsent(name(row, 0), unique.test(row));
        }
        List<KeyInfo> keys = new ArrayList<>();
        columns.forEach((name, names) -> keys.add(new KeyInfo(name, List.copyOf(names), uniqueness.get(name))));
        return keys;
    }

    private Mono<List<Row>> rows(String query, String table) {
        return this.connection.execute(Sql.text(query), Map.of("table", table)).map(result -> result.all());
    }

    private Mono<List<String>> names(String query, Map<String, ?> parameters) {
        return this.connection.execute(Sql.text(query), parameters)
                .map(result -> result.all().stream().map(row -> name(row, 0)).toList());
    }

    private String name(Row row, int index) {
        return this.dialect.normalizeName(String.valueOf(row.get(index)));
    }
}
