package io.asyncorm.spring.boot.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

/** Turns the bound {@code async-orm.engine.*} properties into the flat keys the core's {@code fromConfig} reads. */
final class EngineConfigMap {

    private EngineConfigMap() {
    }

    /** Every engine key; {@code url}, {@code username} and {@code password} only when set. */
    static Map<String, Object> of(AsyncOrmProperties.Engine engine) {
        Map<String, Object> config = new LinkedHashMap<>();
        putIfSet(config, "url", engine.getUrl());
        putIfSet(config, "username", engine.getUsername());
        putIfSet(config, "password", engine.getPassword());
        config.put("echo", engine.isEcho());
        config.put("hide-parameters", engine.isHideParameters());
        putIfSet(config, "logging-name", engine.getLoggingName());
        AsyncOrmProperties.Pool pool = engine.getPool();
        config.put("pool-enabled", pool.isEnabled());
        config.put("pool-size", pool.getSize());
        config.put("max-overflow", pool.getMaxOverflow());
        config.put("pool-timeout", pool.getTimeout());
        putIfSet(config, "pool-recycle", pool.getRecycle());
        config.put("pool-idle-timeout", pool.getIdleTimeout());
        config.put("pool-pre-ping", pool.isPrePing());
        if (engine.getIsolationLevel() != null) {
            config.put("isolation-level", engine.getIsolationLevel().name());
        }
        config.put("fetch-size", engine.getFetchSize());
        config.put("defer-begin", engine.isDeferBegin());
        config.put("cleanup-timeout", engine.getCleanupTimeout());
        engine.getExecutionOptions().forEach((name, value) -> config.put("execution-options." + name, value));
        return config;
    }

    /** The options alone, for an engine over a ConnectionFactory made elsewhere. */
    static Map<String, Object> optionsOf(AsyncOrmProperties.Engine engine) {
        Map<String, Object> config = of(engine);
        config.remove("url");
        config.remove("username");
        config.remove("password");
        return config;
    }

    private static void putIfSet(Map<String, Object> config, String key, @org.jspecify.annotations.Nullable Object value) {
        if (value != null) {
            config.put(key, value);
        }
    }
}
