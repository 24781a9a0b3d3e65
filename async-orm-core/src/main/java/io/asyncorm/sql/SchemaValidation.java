package io.asyncorm.sql;

import io.asyncorm.dialect.Dialect;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Compares declared tables with the database's catalog: each table present, each column present and of a compatible
 * type family (text, integer, decimal, floating point, boolean, date, time, timestamp, binary, uuid, json). Types
 * outside these families are not compared, and nothing the database has beyond the declaration is a mismatch
 * (Hibernate's {@code validate} draws the same line). Names are compared without regard to case.
 */
final class SchemaValidation {

    private SchemaValidation() {
    }

    static Mono<List<String>> mismatches(StatementExecutor connection, List<Table> tables) {
        Inspector inspector = Inspector.of(connection);
        Dialect dialect = connection.dialect();
        return inspector.tableNames().flatMap(names -> {
            Map<String, String> existing = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            names.forEach(name -> existing.put(name, name));
            return Flux.fromIterable(tables).concatMap(table -> {
                String actual = existing.get(table.name());
                if (actual == null) {
                    return Mono.just(List.of("table " + table.name() + " is missing"));
                }
                return inspector.columns(actual).map(columns -> compare(table, columns, dialect));
            }).collectList().map(lists -> lists.stream().flatMap(List::stream).toList());
        });
    }

    private static List<String> compare(Table table, List<Inspector.ColumnInfo> columns, Dialect dialect) {
        Map<String, Inspector.ColumnInfo> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        columns.forEach(column -> byName.put(column.name(), column));
        List<String> mismatches = new ArrayList<>();
        for (Column<?> column : table.columns()) {
            Inspector.ColumnInfo found = byName.get(column.name());
            if (found == null) {
                mismatches.add("column " + table.name() + "." + column.name() + " is missing");
                continue;
            }
            String declared = column.type().ddl(dialect);
            String expected = family(declared);
            String actual = family(found.type());
            if (expected != null && actual != null && !compatible(expected, actual)) {
                mismatches.add("column " + table.name() + "." + column.name() + " is " + found.type() + " in the database, "
                        + "but mapped as " + declared.toLowerCase(Locale.ROOT));
            }
        }
        return mismatches;
    }

    /** A column of the mapped family may be held by one of the database's family. */
    private static boolean compatible(String mapped, String database) {
        return mapped.equals(database)
                // An integer mapping reads a DECIMAL without scale; booleans are TINYINT(1) on MariaDB; enums are text.
                || mapped.equals("integer") && database.equals("decimal")
                || mapped.equals("boolean") && database.equals("integer")
                || mapped.equals("text") && database.equals("enum")
                || mapped.equals("uuid") && (database.equals("text") || database.equals("binary"))
                || mapped.equals("json") && database.equals("text");
    }

    /** The type family of a type name, or null when the name is not one this comparison knows. */
    static @Nullable String family(String type) {
        String t = type.toLowerCase(Locale.ROOT);
        if (t.contains("timestamp") || t.contains("datetime")) {
            return "timestamp";
        }
        if (t.startsWith("interval")) {
            return null;
        }
        if (t.equals("date")) {
            return "date";
        }
        if (t.startsWith("time")) {
            return "time";
        }
        if (t.contains("uuid")) {
            return "uuid";
        }
        if (t.startsWith("json")) {
            return "json";
        }
        if (t.startsWith("enum")) {
            return "enum";
        }
        if (t.startsWith("bool") || t.equals("bit") || t.equals("tinyint(1)")) {
            return "boolean";
        }
        if (t.contains("int") || t.contains("serial")) {
            return "integer";
        }
        if (t.startsWith("numeric") || t.startsWith("decimal") || t.startsWith("number")) {
            return "decimal";
        }
        if (t.startsWith("double") || t.startsWith("float") || t.equals("real") || t.startsWith("decfloat")) {
            return "float";
        }
        if (t.contains("char") || t.contains("text") || t.contains("clob") || t.equals("name")) {
            return "text";
        }
        if (t.contains("bytea") || t.contains("blob") || t.contains("binary")) {
            return "binary";
        }
        return null;
    }
}
