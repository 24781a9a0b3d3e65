package io.asyncorm.sql;

import io.asyncorm.dialect.ReturningStyle;
import io.asyncorm.exception.ArgumentError;
import java.util.List;
import java.util.Set;

/** Renders the rows an INSERT, UPDATE or DELETE returns, in each dialect's form. */
final class Returning {

    private Returning() {
    }

    /**
     * Renders a data-changing statement with its RETURNING columns.
     *
     * @param compiler the compiler
     * @param table the changed table
     * @param columns the columns to return; empty for none
     * @param deleted whether the rows are the deleted ones (H2 reads them from OLD TABLE)
     * @param statement renders the statement itself
     */
    static void render(SqlCompiler compiler, Table table, List<Expression<?>> columns, boolean deleted, String verb,
            Runnable statement) {
        if (columns.isEmpty()) {
            statement.run();
            return;
        }
        ReturningStyle style = compiler.dialect.returningStyle();
        if (style == ReturningStyle.NONE || ("UPDATE".equals(verb) && "mariadb".equals(compiler.dialect.name()))) {
            throw new ArgumentError(compiler.dialect.name() + " cannot return rows from " + verb
                    + "; select them in a separate statement");
        }
        if (style == ReturningStyle.DATA_CHANGE_DELTA_TABLE) {
            compiler.append("SELECT ");
            compiler.within(Set.of(table), false, () -> compiler.list(columns));
            compiler.append(deleted ? " FROM OLD TABLE (" : " FROM FINAL TABLE (");
            statement.run();
            compiler.append(")");
            return;
        }
        statement.run();
        compiler.append(" RETURNING ");
        compiler.within(Set.of(table), false, () -> compiler.list(columns));
    }
}
