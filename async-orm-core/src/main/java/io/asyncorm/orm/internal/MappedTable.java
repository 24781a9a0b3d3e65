package io.asyncorm.orm.internal;

import io.asyncorm.sql.BulkUpdate;
import io.asyncorm.sql.Column;
import io.asyncorm.sql.Expression;
import io.asyncorm.sql.Insert;
import io.asyncorm.sql.Sql;
import io.asyncorm.sql.Table;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * One table of the rows of a mapping: the only one for most classes, one of several for a class of a JOINED hierarchy
 * (the root's table, then one table per subclass on the way down). It knows its key columns, which hold the primary
 * key's values in the primary key's order, and which of the mapping's columns it holds, so a flush can write each table
 * with statements of its own.
 */
public final class MappedTable {

    private final Table table;

    private final List<Column<?>> keyColumns;

    private final List<Integer> indexes;

    /**
     * The flush's statements for this table, by what varies between them (the columns read back, the columns set): the
     * same statement object each flush, so its compiled SQL is found without rendering the statement's shape again.
     */
    private final Map<List<Column<?>>, Insert> inserts = new ConcurrentHashMap<>();

    private final Map<List<Object>, BulkUpdate> updates = new ConcurrentHashMap<>();

    /** Distinct column sets kept per table; past that the cache starts over (a class updated in many column combinations). */
    private static final int MAX_STATEMENTS = 256;

    MappedTable(Table table, List<Column<?>> keyColumns, List<Integer> indexes) {
        this.table = table;
        this.keyColumns = List.copyOf(keyColumns);
        this.indexes = List.copyOf(indexes);
    }

    /** @return the table */
    public Table table() {
        return this.table;
    }

    /** @return its key columns, in the primary key's order */
    public List<Column<?>> keyColumns() {
        return this.keyColumns;
    }

    /** @return the positions, in the mapping's columns, of this table's columns */
    public List<Integer> indexes() {
        return this.indexes;
    }

    /**
     * The parameters that match a row of this table by key, named as {@link PrimaryKey#match} names them, so
     * {@link PrimaryKey#bind} fills them.
     *
     * @param parameter the parameter name (or prefix)
     * @return parameter name to column, in key order
     */
    public Map<String, Column<?>> match(String parameter) {
        return match(parameter, this.keyColumns);
    }

    static Map<String, Column<?>> match(String parameter, List<Column<?>> keyColumns) {
        if (keyColumns.size() == 1) {
            return Collections.singletonMap(parameter, keyColumns.get(0));
        }
        Map<String, Column<?>> match = new LinkedHashMap<>();
        for (int i = 0; i < keyColumns.size(); i++) {
            match.put(parameter + "_" + i, keyColumns.get(i));
        }
        return match;
    }

    /**
     * The condition "this row's key equals the parameters" of {@link #match}, each parameter typed by its column.
     *
     * @param parameter the parameter name (or prefix)
     * @return the condition
     */
    public Expression<Boolean> equalsParameters(String parameter) {
        return equalsParameters(parameter, this.keyColumns);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static Expression<Boolean> equalsParameters(String parameter, List<Column<?>> keyColumns) {
        List<Expression<Boolean>> terms = new ArrayList<>();
        match(parameter, keyColumns).forEach((name, column) -> terms.add(((Column) column)
                .eq(Sql.bindparam(name, null, (Class) column.javaType()))));
        return terms.size() == 1 ? terms.get(0) : Sql.and(terms);
    }

    /**
     * The condition "this row's key is one of these", for keys in the database form of {@link PrimaryKey#rowKey}.
     *
     * @param keys the keys
     * @return the condition
     */
    public Expression<Boolean> in(List<?> keys) {
        return KeyValues.in(this.keyColumns, keys);
    }

    /**
     * The INSERT of this table that reads back some columns (none: no RETURNING), the same object for the same columns.
     *
     * @param returning the columns to read back
     * @return the statement, to execute with one parameter map per row
     */
    Insert insert(List<Column<?>> returning) {
        return cached(this.inserts, returning, columns -> columns.isEmpty() ? Sql.insert(this.table)
                : Sql.insert(this.table).returning(columns.toArray(Expression<?>[]::new)));
    }

    /**
     * The UPDATE of this table that sets some columns of rows matched by key parameters (and a version parameter), the
     * same object for the same columns.
     *
     * @param set the columns to set
     * @param match parameter name to column, the key's (and the version's)
     * @return the statement, to execute with one parameter map per row
     */
    BulkUpdate update(List<Column<?>> set, Map<String, Column<?>> match) {
        return cached(this.updates, List.of(set, match), key -> BulkUpdate.of(this.table, set, match));
    }

    private static <K, V> V cached(Map<K, V> cache, K key, Function<K, V> make) {
        V known = cache.get(key);
        if (known != null) {
            return known;
        }
        if (cache.size() >= MAX_STATEMENTS) {
            cache.clear();
        }
        V made = make.apply(key);
        cache.put(key, made);
        return made;
    }

    @Override
    public String toString() {
        return this.table.name();
    }
}
