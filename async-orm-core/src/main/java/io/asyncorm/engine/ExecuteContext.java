package io.asyncorm.engine;

import java.util.List;
import java.util.Map;

/**
 * What an execute listener sees of a statement: the connection it runs on, the SQL as sent and the
 * parameter sets (one per row of an executemany).
 *
 * @param connection the connection; a listener may run statements on it (they fire listeners too)
 * @param sql the compiled SQL with the dialect's bind markers
 * @param parameters the parameter sets, empty for a statement without parameters
 * @param rowCount for {@code afterExecute} of a buffered statement, the rows affected or -1; -1 otherwise
 */
public record ExecuteContext(AsyncConnection connection, String sql, List<Map<String, ?>> parameters, long rowCount) {

    ExecuteContext withRowCount(long count) {
        return new ExecuteContext(this.connection, this.sql, this.parameters, count);
    }
}
