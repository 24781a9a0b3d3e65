package io.asyncorm.engine;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What an error listener sees of a failed statement.
 *
 * @param connection the connection the statement ran on; it may be invalidated already when the error is a lost connection
 * @param sql the SQL as sent, or null when the failure came before a statement (a lost connection at commit)
 * @param parameters the parameter sets
 * @param error the error as the caller would get it (translated into the {@code AsyncOrmException} hierarchy)
 */
public record ErrorContext(AsyncConnection connection, @Nullable String sql, List<Map<String, ?>> parameters, Throwable error) {
}
