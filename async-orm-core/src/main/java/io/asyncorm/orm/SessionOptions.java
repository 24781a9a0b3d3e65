package io.asyncorm.orm;

import io.asyncorm.engine.AsyncEngine;
import java.util.Map;

/** The settings a maker gives each session it creates: the default engine, per-entity engines (binds), flags, info. */
record SessionOptions(AsyncEngine engine, Map<Class<?>, AsyncEngine> binds, Registry registry, boolean expireOnCommit,
        boolean autoflush, Map<String, Object> info) {
}
