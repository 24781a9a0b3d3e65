package io.asyncorm.sql;

import java.util.List;

/** Writes an upsert in the dialect's form: ON CONFLICT, ON DUPLICATE KEY UPDATE, or MERGE. */
final class Upserts {

    private static final String SOURCE = "excluded_row";

    private Upserts() {
    }

    static void render(SqlCompiler compiler, Table table, List<Column<?>> columns, Upsert upsert, Runnable values) {
        switch (compiler.dialect.upsertStyle()) {
            case ON_CONFLICT -> onConflict(compiler, table, columns, upsert, values);
            case ON_DUPLICATE_KEY -> onDuplicateKey(compiler, table, columns, upsert, values);
            case MERGE -> merge(compiler, table, columns, upsert, values);
            default -> throw new IllegalStateException("unknown upsert style");
        }
    }

    private static void insertInto(SqlCompiler compiler, Table table, List<Column<?>> columns, Runnable values) {
        compiler.append("INSERT INTO ");
        table.render(compiler);
        compiler.append(" (").append(names(compiler, columns)).append(") ");
        values.run();
    }

    private static void onConflict(SqlCompiler compiler, Table table, List<Column<?>> columns, Upsert upsert, Runnable values) {
        insertInto(compiler, table, columns, values);
        compiler.append(" ON CONFLICT (").append(names(compiler, upsert.keys())).append(")");
        if (upsert.updates().isEmpty()) {
            compiler.append(" DO NOTHING");
            return;
        }
        compiler.append(" DO UPDATE SET ");
        for (int i = 0; i < upsert.updates().size(); i++) {
            String name = compiler.dialect.identifier(upsert.updates().get(i).name());
            compiler.append(i == 0 ? "" : ", ").append(name).append(" = EXCLUDED.").append(name);
        }
    }

    private static void onDuplicateKey(SqlCompiler compiler, Table table, List<Column<?>> columns, Upsert upsert, Runnable values) {
        insertInto(compiler, table, columns, values);
        compiler.append(" ON DUPLICATE KEY UPDATE ");
        if (upsert.updates().isEmpty()) {
            String key = compiler.dialect.identifier(upsert.keys().get(0).name());
            compiler.append(key).append(" = ").append(key);
            return;
        }
        for (int i = 0; i < upsert.updates().size(); i++) {
            String name = compiler.dialect.identifier(upsert.updates().get(i).name());
            compiler.append(i == 0 ? "" : ", ").append(name).append(" = VALUES(").append(name).append(")");
        }
    }

    private static void merge(SqlCompiler compiler, Table table, List<Column<?>> columns, Upsert upsert, Runnable values) {
        String target = compiler.dialect.identifier(table.name());
        compiler.append("MERGE INTO ").append(target).append(" USING (");
        values.run();
        compiler.append(") AS ").append(SOURCE).append(" (").append(names(compiler, columns)).append(") ON ");
        for (int i = 0; i < upsert.keys().size(); i++) {
            String key = compiler.dialect.identifier(upsert.keys().get(i).name());
            compiler.append(i == 0 ? "" : " AND ").append(target).append('.' + key).append(" = ").append(SOURCE + "." + key);
        }
        if (!upsert.updates().isEmpty()) {
            compiler.append(" WHEN MATCHED THEN UPDATE SET ");
            for (int i = 0; i < upsert.updates().size(); i++) {
                String name = compiler.dialect.identifier(upsert.updates().get(i).name());
                compiler.append(i == 0 ? "" : ", ").append(name).append(" = ").append(SOURCE + "." + name);
            }
        }
        compiler.append(" WHEN NOT MATCHED THEN INSERT (").append(names(compiler, columns)).append(") VALUES (");
        for (int i = 0; i < columns.size(); i++) {
            compiler.append(i == 0 ? "" : ", ").append(SOURCE + "." + compiler.dialect.identifier(columns.get(i).name()));
        }
        compiler.append(")");
    }

    private static String names(SqlCompiler compiler, List<Column<?>> columns) {
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            names.append(i == 0 ? "" : ", ").append(compiler.dialect.identifier(columns.get(i).name()));
        }
        return names.toString();
    }
}
