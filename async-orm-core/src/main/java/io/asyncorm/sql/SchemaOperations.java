package io.asyncorm.sql;

import io.asyncorm.exception.ArgumentError;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * CREATE and DROP of a set of tables in foreign-key order. A table is created after the tables it
 * references; when a cycle leaves no table ready, the earliest-added remaining table is created and its
 * foreign keys to tables not yet created are added afterwards with ALTER TABLE (and dropped first).
 */
final class SchemaOperations {

    /** The creation order and the foreign keys added after all tables exist. */
    record Plan(List<Table> order, List<Deferred> deferred) {

        boolean isDeferred(Table table, ForeignKey foreignKey) {
            return this.deferred.stream().anyMatch(d -> d.table() == table && d.foreignKey() == foreignKey);
        }
    }

    /** A foreign key of a table, added by ALTER TABLE because it closes a cycle. */
    record Deferred(Table table, ForeignKey foreignKey) {
    }

    private SchemaOperations() {
    }

    static Plan plan(List<Table> tables) {
        Set<String> names = new HashSet<>();
        tables.forEach(table -> names.add(table.name()));
        List<Table> remaining = new ArrayList<>(tables);
        Set<String> created = new LinkedHashSet<>();
        List<Table> order = new ArrayList<>();
        List<Deferred> deferred = new ArrayList<>();
        while (!remaining.isEmpty()) {
            Table next = remaining.stream().filter(table -> table.foreignKeys().stream()
                    .allMatch(fk -> created.contains(fk.targetTable()) || fk.targetTable().equals(table.name())
                            || !names.contains(fk.targetTable())))
                    .findFirst().orElseGet(() -> onCycle(remaining, created));
            for (ForeignKey fk : next.foreignKeys()) {
                if (names.contains(fk.targetTable()) && !created.contains(fk.targetTable())
                        && !fk.targetTable().equals(next.name())) {
                    deferred.add(new Deferred(next, fk));
                }
            }
            order.add(next);
            created.add(next.name());
            remaining.remove(next);
        }
        return new Plan(List.copyOf(order), List.copyOf(deferred));
    }

    /** The first remaining table that lies on a cycle of foreign keys among the remaining tables. */
    private static Table onCycle(List<Table> remaining, Set<String> created) {
        for (Table table : remaining) {
            if (reaches(table, table.name(), remaining, created, new HashSet<>())) {
                return table;
            }
        }
        return remaining.get(0);
    }

    private static boolean reaches(Table from, String target, List<Table> remaining, Set<String> created, Set<String> seen) {
        for (ForeignKey fk : from.foreignKeys()) {
            String next = fk.targetTable();
            if (next.equals(from.name()) || created.contains(next) || !seen.add(next)) {
                continue;
            }
            if (next.equals(target)) {
                return true;
            }
            for (Table table : remaining) {
                if (table.name().equals(next) && reaches(table, target, remaining, created, seen)) {
                    return true;
                }
            }
        }
        return false;
    }

    static Mono<Void> create(StatementExecutor connection, List<Table> tables, boolean checkFirst) {
        return Mono.defer(() -> {
            requireTargets(tables);
            Plan plan = plan(tables);
            return existing(connection, plan.order(), checkFirst).flatMap(exists -> {
                List<Executable> statements = new ArrayList<>();
                for (Table table : plan.order()) {
                    if (exists.contains(table)) {
                        continue;
                    }
                    List<ForeignKey> inline = table.foreignKeys().stream().filter(fk -> !plan.isDeferred(table, fk)).toList();
                    statements.add(new DdlStatement(dialect -> DdlStatement.createTable(table, inline, dialect)));
                    for (Index index : table.indexes()) {
                        statements.add(new DdlStatement(dialect -> DdlStatement.createIndex(table, index, dialect)));
                    }
                }
                for (Deferred d : plan.deferred()) {
                    if (!exists.contains(d.table())) {
                        statements.add(new DdlStatement(dialect -> "ALTER TABLE " + dialect.identifier(d.table().name())
                                + " ADD " + DdlStatement.foreignKeyClause(d.table(), d.foreignKey(), dialect)));
                    }
                }
                return run(connection, statements);
            });
        });
    }

    static Mono<Void> drop(StatementExecutor connection, List<Table> tables, boolean checkFirst) {
        return Mono.defer(() -> {
            Plan plan = plan(tables);
            List<Table> order = new ArrayList<>(plan.order());
            java.util.Collections.reverse(order);
            return existing(connection, order, checkFirst).flatMap(exists -> {
                List<Executable> statements = new ArrayList<>();
                for (Deferred d : plan.deferred()) {
                    if (!checkFirst || exists.contains(d.table())) {
                        statements.add(new DdlStatement(dialect -> "ALTER TABLE " + dialect.identifier(d.table().name()) + " "
                                + dialect.dropForeignKeyClause() + " "
                                + dialect.identifier(d.foreignKey().name(d.table().name()))));
                    }
                }
                for (Table table : order) {
                    if (!checkFirst || exists.contains(table)) {
                        statements.add(new DdlStatement(dialect -> "DROP TABLE " + dialect.identifier(table.name())));
                    }
                }
                return run(connection, statements);
            });
        });
    }

    private static void requireTargets(List<Table> tables) {
        Map<String, Table> byName = new HashMap<>();
        tables.forEach(table -> byName.put(table.name(), table));
        for (Table table : tables) {
            for (ForeignKey fk : table.foreignKeys()) {
                Table target = byName.containsKey(fk.targetTable()) ? byName.get(fk.targetTable())
                        : table.metadata().table(fk.targetTable()).orElse(null);
                if (target == null) {
                    throw new ArgumentError("Foreign key " + fk.name(table.name()) + " of table '" + table.name()
                            + "' references table '" + fk.targetTable() + "', which is not in this MetaData");
                }
                for (String column : fk.targetColumns()) {
                    target.c(column);
                }
            }
        }
    }

    /** The tables that exist (empty when not checking, so that every statement runs). */
    private static Mono<Set<Table>> existing(StatementExecutor connection, List<Table> tables, boolean checkFirst) {
        if (!checkFirst) {
            return Mono.just(Set.of());
        }
        TextClause query = Sql.text(connection.dialect().tableExistsQuery());
        return Flux.fromIterable(tables)
                .concatMap(table -> connection.execute(query, Map.of("name", table.name()))
                        .filter(result -> result.first().isPresent())
                        .map(result -> table))
                .collect(HashSet<Table>::new, Set::add)
                .map(set -> (Set<Table>) set);
    }

    private static Mono<Void> run(StatementExecutor connection, List<Executable> statements) {
        return Flux.fromIterable(statements).concatMap(connection::execute).then();
    }
}
