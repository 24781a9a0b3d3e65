package io.asyncorm.spring.boot.autoconfigure;

import io.asyncorm.engine.EngineOptions;

/**
 * Customises the auto-configured engine's settings before the engine is built: the builder already holds the
 * {@code async-orm.engine.*} properties. The model is Boot's {@code ConnectionFactoryOptionsBuilderCustomizer}.
 *
 * <pre>{@code
 * @Bean
 * EngineOptionsBuilderCustomizer cursorBatches() {
 *     return builder -> builder.fetchSize(2_000).cleanupTimeout(Duration.ofSeconds(2));
 * }
 * }</pre>
 *
 * <p>For what needs the engine itself (event listeners), use an {@link AsyncEngineCustomizer}.
 */
@FunctionalInterface
public interface EngineOptionsBuilderCustomizer {

    /**
     * Customises the builder; called once per engine, in {@code @Order}, before the engine exists.
     *
     * @param builder the engine options' builder
     */
    void customize(EngineOptions.Builder builder);
}
