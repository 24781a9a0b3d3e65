package io.asyncorm.spring.boot.autoconfigure;

import io.asyncorm.orm.AsyncSessionMaker;

/**
 * Customises the auto-configured {@link AsyncSessionMaker} before it is built: per-class binds, a bind resolver,
 * session info, or settings that {@code async-orm.session.*} does not cover.
 *
 * <pre>{@code
 * @Bean
 * AsyncSessionMakerCustomizer readReplica(AsyncEngine replica) {
 *     return builder -> builder.bindResolver(context -> context.isWrite() ? null : replica);
 * }
 * }</pre>
 */
@FunctionalInterface
public interface AsyncSessionMakerCustomizer {

    /**
     * Customises the builder; the {@code async-orm.session.*} settings are already applied.
     *
     * @param builder the session maker's builder
     */
    void customize(AsyncSessionMaker.Builder builder);
}
