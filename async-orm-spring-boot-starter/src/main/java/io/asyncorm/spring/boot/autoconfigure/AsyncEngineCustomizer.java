package io.asyncorm.spring.boot.autoconfigure;

import io.asyncorm.engine.AsyncEngine;

/**
 * Customises the auto-configured {@link AsyncEngine} after it is created, for example to add event listeners. Its
 * settings are fixed by then: change those with an {@link EngineOptionsBuilderCustomizer}.
 *
 * <pre>{@code
 * @Bean
 * AsyncEngineCustomizer slowQueryLog() {
 *     return engine -> engine.events().afterExecute(context -> Mono.fromRunnable(() -> log(context)));
 * }
 * }</pre>
 */
@FunctionalInterface
public interface AsyncEngineCustomizer {

    /**
     * Customises the engine; called once, before any other bean uses it.
     *
     * @param engine the engine
     */
    void customize(AsyncEngine engine);
}
