package io.asyncorm.sql;

import io.asyncorm.dialect.Dialect;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Compiled SQL cached by statement shape, so a statement built again with other values is not compiled
 * again. The shape is recorded by the same rendering code in the compiler's shape mode (fixed text,
 * identifiers, columns and bind descriptors; values left out), so it cannot disagree with the SQL about
 * the order of parameters. A hit reuses the cached SQL with this statement's values. Bounded: the cache
 * is cleared when it reaches {@value #MAX_ENTRIES} shapes.
 */
final class StatementCache {

    private static final int MAX_ENTRIES = 2000;

    private record Key(String dialect, List<Object> shape) {
    }

    private static final Map<Key, CompiledStatement> CACHE = new ConcurrentHashMap<>();

    private StatementCache() {
    }

    static CompiledStatement compile(Dialect dialect, Consumer<SqlCompiler> render) {
        SqlCompiler shape = new SqlCompiler(dialect, true);
        render.accept(shape);
        Key key = new Key(dialect.name(), shape.shape());
        CompiledStatement template = CACHE.get(key);
        if (template == null) {
            SqlCompiler full = new SqlCompiler(dialect);
            render.accept(full);
            template = full.result();
            if (CACHE.size() >= MAX_ENTRIES) {
                CACHE.clear();
            }
            CACHE.put(key, template);
            return template;
        }
        return template.withBoundValues(shape.boundValues());
    }

    /** Removes the entries of one dialect; returns how many there were. */
    static int clear(String dialect) {
        int removed = 0;
        for (Key key : CACHE.keySet()) {
            if (key.dialect().equals(dialect) && CACHE.remove(key) != null) {
                removed++;
            }
        }
        return removed;
    }

    static int size() {
        return CACHE.size();
    }
}
