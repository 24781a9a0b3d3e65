package io.asyncorm.dialect;

/**
 * The catalog queries an inspector runs on a dialect. Each takes a {@code :table} parameter where it
 * concerns one table and returns rows in the column order documented per field.
 *
 * @param tables {@code name} of base tables in the current schema
 * @param views {@code name} of views in the current schema
 * @param columns {@code name, type, nullable (YES/NO), default} in column order
 * @param primaryKey {@code name} of the primary key columns in key order
 * @param uniqueConstraints {@code constraint, column} ordered by constraint and position
 * @param foreignKeys {@code constraint, column, referred_table, referred_column} ordered by constraint and position
 * @param indexes {@code index, column, unique} for indexes that do not back a constraint, ordered by index and position
 */
public record CatalogQueries(String tables, String views, String columns, String primaryKey, String uniqueConstraints,
        String foreignKeys, String indexes) {

    /** The SQL-standard {@code information_schema} queries, for PostgreSQL and H2; indexes differ per database. */
    static CatalogQueries standard(String schema, String indexes) {
        String table = " and lower(%s.table_name) = lower(:table)";
        return new CatalogQueries(
                "select table_name from information_schema.tables where table_schema = " + schema
                        + " and table_type = 'BASE TABLE' order by table_name",
                "select table_name from information_schema.tables where table_schema = " + schema
                        + " and table_type = 'VIEW' order by table_name",
                "select column_name, data_type, is_nullable, column_default from information_schema.columns c where c.table_schema = "
                        + schema + table.formatted("c") + " order by ordinal_position",
                "select k.column_name from information_schema.table_constraints t join information_schema.key_column_usage k"
                        + " on k.constraint_schema = t.constraint_schema and k.constraint_name = t.constraint_name"
                        + " and k.table_name = t.table_name where t.constraint_type = 'PRIMARY KEY' and t.table_schema = " + schema
                        + table.formatted("t") + " order by k.ordinal_position",
                "select t.constraint_name, k.column_name from information_schema.table_constraints t"
                        + " join information_schema.key_column_usage k on k.constraint_schema = t.constraint_schema"
                        + " and k.constraint_name = t.constraint_name and k.table_name = t.table_name"
                        + " where t.constraint_type = 'UNIQUE' and t.table_schema = " + schema + table.formatted("t")
                        + " order by t.constraint_name, k.ordinal_position",
                "select k.constraint_name, k.column_name, u.table_name, u.column_name"
                        + " from information_schema.referential_constraints r"
                        + " join information_schema.key_column_usage k on k.constraint_schema = r.constraint_schema"
                        + " and k.constraint_name = r.constraint_name"
                        + " join information_schema.key_column_usage u on u.constraint_schema = r.unique_constraint_schema"
                        + " and u.constraint_name = r.unique_constraint_name and u.ordinal_position = k.position_in_unique_constraint"
                        + " where k.table_schema = " + schema + table.formatted("k") + " order by k.constraint_name, k.ordinal_position",
                indexes);
    }
}
