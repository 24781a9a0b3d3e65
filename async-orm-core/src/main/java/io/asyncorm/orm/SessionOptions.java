package io.asyncorm.orm;

import io.asyncorm.engine.AsyncEngine;
import java.util.Map;

/** The settings a maker gives each session it creates. */
record SessionOptions(AsyncEngine engine, Registry registry, boolean expireOnCommit, boolean autoflush, Map<String, Object> info) {
}
