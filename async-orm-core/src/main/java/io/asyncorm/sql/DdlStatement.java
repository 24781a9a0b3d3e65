package io.asyncorm.sql;

import io.asyncorm.dialect.Dialect;
import java.util.List;
import java.util.function.Function;

/** A DDL statement whose text depends only on the dialect; it has no parameters. */
final class DdlStatement implements Executable {

    private final Function<Dialect, String> text;

    DdlStatement(Function<Dialect, String> text) {
        this.text = text;
    }

    @Override
    public CompiledStatement compile(Dialect dialect) {
        return new CompiledStatement(this.text.apply(dialect), List.of());
    }

    static String createTable(Table table, List<ForeignKey> inlineForeignKeys, Dialect dialect) {
        StringBuilder sql = new StringBuilder("CREATE TABLE ").append(dialect.identifier(table.name())).append(" (");
        List<Column<?>> columns = table.columns();
        for (int i = 0; i < columns.size(); i++) {
            Column<?> column = columns.get(i);
            sql.append(i == 0 ? "\n\t" : ",\n\t").append(dialect.identifier(column.name())).append(' ');
            String type = column.type().ddl(dialect);
            if (column.isIdentity()) {
                sql.append(dialect.identityColumn(type));
            } else {
                sql.append(type);
                if (column.serverDefault() != null) {
                    sql.append(" DEFAULT ").append(column.serverDefault());
                }
                if (!column.isNullable()) {
                    sql.append(" NOT NULL");
                }
            }
        }
        List<Column<?>> primaryKey = table.primaryKey();
        if (!primaryKey.isEmpty()) {
            sql.append(",\n\tCONSTRAINT ").append(dialect.identifier(Names.primaryKey(table.name()))).append(" PRIMARY KEY (")
                    .append(names(primaryKey.stream().map(Column::name).toList(), dialect)).append(')');
        }
        for (UniqueConstraint unique : table.uniqueConstraints()) {
            sql.append(",\n\tCONSTRAINT ").append(dialect.identifier(unique.name(table.name()))).append(" UNIQUE (")
                    .append(names(unique.columns(), dialect)).append(')');
        }
        for (ForeignKey foreignKey : inlineForeignKeys) {
            sql.append(",\n\t").append(foreignKeyClause(table, foreignKey, dialect));
        }
        for (CheckConstraint check : table.checks()) {
            sql.append(",\n\tCONSTRAINT ").append(dialect.identifier(check.name())).append(" CHECK (").append(check.condition())
                    .append(')');
        }
        return sql.append("\n)").toString();
    }

    static String foreignKeyClause(Table table, ForeignKey foreignKey, Dialect dialect) {
        StringBuilder sql = new StringBuilder("CONSTRAINT ").append(dialect.identifier(foreignKey.name(table.name())))
                .append(" FOREIGN KEY (").append(names(foreignKey.columns(), dialect)).append(") REFERENCES ")
                .append(dialect.identifier(foreignKey.targetTable())).append(" (")
                .append(names(foreignKey.targetColumns(), dialect)).append(')');
        if (foreignKey.onDelete() != null) {
            sql.append(" ON DELETE ").append(foreignKey.onDelete().sql);
        }
        if (foreignKey.onUpdate() != null) {
            sql.append(" ON UPDATE ").append(foreignKey.onUpdate().sql);
        }
        return sql.toString();
    }

    static String createIndex(Table table, Index index, Dialect dialect) {
        return "CREATE " + (index.unique() ? "UNIQUE " : "") + "INDEX " + dialect.identifier(index.name(table.name())) + " ON "
                + dialect.identifier(table.name()) + " (" + names(index.columns(), dialect) + ")";
    }

    private static String names(List<String> names, Dialect dialect) {
        return String.join(", ", names.stream().map(dialect::identifier).toList());
    }
}
