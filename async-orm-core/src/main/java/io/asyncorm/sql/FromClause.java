package io.asyncorm.sql;

import java.util.Set;

/** Something a SELECT reads from: a {@link Table}, or a join of tables. */
public abstract class FromClause {

    FromClause() {
    }

    abstract void render(SqlCompiler compiler);

    /** The tables whose columns this clause makes available. */
    abstract void collectTables(Set<Table> tables);
}
