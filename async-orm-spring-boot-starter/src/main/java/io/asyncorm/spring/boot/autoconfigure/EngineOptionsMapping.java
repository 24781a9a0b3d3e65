package io.asyncorm.spring.boot.autoconfigure;

import io.asyncorm.engine.EngineOptions;
import io.asyncorm.engine.ExecutionOptions;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Maps the bound {@code async-orm.engine.*} properties onto the core's {@link EngineOptions.Builder}, typed
 * value by typed value (as Boot maps {@code spring.r2dbc.*} onto {@code ConnectionFactoryOptions.Builder}).
 * Only the open-ended {@code execution-options} map, whose values are strings by nature, goes through the
 * core's own reader of such keys.
 */
final class EngineOptionsMapping {

    private EngineOptionsMapping() {
    }

    /** A builder holding every engine setting of the properties; customizers may change it before it is built. */
    static EngineOptions.Builder builder(AsyncOrmProperties.Engine engine) {
        AsyncOrmProperties.Pool pool = engine.getPool();
        EngineOptions.Builder builder = EngineOptions.builder()
                .echo(engine.isEcho())
                .hideParameters(engine.isHideParameters())
                .loggingName(engine.getLoggingName())
                .poolEnabled(pool.isEnabled())
                .poolSize(pool.getSize())
                .maxOverflow(pool.getMaxOverflow())
                .poolTimeout(pool.getTimeout())
                .poolRecycle(pool.getRecycle())
                .poolIdleTimeout(pool.getIdleTimeout())
                .poolPrePing(pool.isPrePing())
                .fetchSize(engine.getFetchSize())
                .deferBegin(engine.isDeferBegin())
                .cleanupTimeout(engine.getCleanupTimeout());
        AsyncOrmProperties.Isolation isolation = engine.getIsolationLevel();
        if (isolation != null) {
            builder.isolationLevel(isolation.toIsolationLevel());
        }
        if (!engine.getExecutionOptions().isEmpty()) {
            builder.executionOptions(executionOptions(engine.getExecutionOptions()));
        }
        return builder;
    }

    /** {@code isolation-level}, {@code read-only}, {@code stream-results} and {@code yield-per} typed; other names as custom options. */
    private static ExecutionOptions executionOptions(Map<String, String> options) {
        Map<String, Object> config = new LinkedHashMap<>();
        options.forEach((name, value) -> config.put("execution-options." + name, value));
        return EngineOptions.fromConfig(config, "").executionOptions();
    }
}
