package io.asyncorm.orm;

import io.asyncorm.engine.AsyncConnection;
import io.asyncorm.engine.AsyncEngine;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The settings a maker gives each session it creates: the default engine, per-entity engines (binds), flags, info, or
 * an outer connection to join and how.
 */
record SessionOptions(@Nullable AsyncEngine engine, Map<Class<?>, AsyncEngine> binds, @Nullable BindResolver bindResolver,
        Registry registry, boolean expireOnCommit, boolean autoflush, Map<String, Object> info, @Nullable AsyncConnection connection,
        JoinTransactionMode joinMode) {
}
