package io.asyncorm.engine;

import io.asyncorm.dialect.Dialect;
import io.asyncorm.sql.CompiledStatement;
import io.asyncorm.sql.Executable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** SQL given to {@link AsyncConnection#execDriverSql}: sent as written, its values bound by position. */
final class DriverSql implements Executable {

    private final CompiledStatement compiled;

    private DriverSql(String sql, int parameters) {
        List<String> names = new ArrayList<>(parameters);
        for (int i = 0; i < parameters; i++) {
            names.add(name(i));
        }
        this.compiled = new CompiledStatement(sql, names);
    }

    static DriverSql of(String sql, int parameters) {
        return new DriverSql(sql, parameters);
    }

    /** The values by the names the statement binds them under. */
    static Map<String, @Nullable Object> parameters(@Nullable Object[] values) {
        Map<String, @Nullable Object> named = new HashMap<>();
        for (int i = 0; i < values.length; i++) {
            named.put(name(i), values[i]);
        }
        return named;
    }

    private static String name(int index) {
        return "driver_" + (index + 1);
    }

    @Override
    public CompiledStatement compile(Dialect dialect) {
        return this.compiled;
    }

    @Override
    public String toString() {
        return this.compiled.sql();
    }
}
