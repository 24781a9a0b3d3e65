package io.asyncorm.spring.boot.autoconfigure;

import io.asyncorm.engine.AsyncEngine;
import io.asyncorm.orm.AsyncScopedSession;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Health and metrics for async-orm when Spring Boot's health support or Micrometer is present: a reactive health
 * indicator named {@code asyncOrm} (off with {@code management.health.asyncorm.enabled=false}, or with Boot's
 * {@code management.health.defaults.enabled=false}) and a {@link MeterBinder} that Boot binds to every
 * {@link MeterRegistry}.
 */
@AutoConfiguration(after = AsyncOrmAutoConfiguration.class)
@ConditionalOnClass(AsyncEngine.class)
public final class AsyncOrmActuatorAutoConfiguration {

    /** Created by Spring. */
    AsyncOrmActuatorAutoConfiguration() {
    }

    /** The engine health indicator. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(ReactiveHealthIndicator.class)
    @ConditionalOnEnabledHealthIndicator("asyncorm")
    static final class HealthConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "asyncOrmHealthIndicator")
        @ConditionalOnBean(AsyncEngine.class)
        ReactiveHealthIndicator asyncOrmHealthIndicator(AsyncEngine engine) {
            return new AsyncEngineHealthIndicator(engine, Duration.ofSeconds(10));
        }
    }

    /** The Micrometer meters. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterBinder.class)
    static final class MetricsConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "asyncOrmMeterBinder")
        @ConditionalOnBean(AsyncEngine.class)
        MeterBinder asyncOrmMeterBinder(AsyncEngine engine, ObjectProvider<AsyncScopedSession> scoped) {
            return new AsyncOrmMetrics(engine, scoped.getIfUnique());
        }
    }
}
