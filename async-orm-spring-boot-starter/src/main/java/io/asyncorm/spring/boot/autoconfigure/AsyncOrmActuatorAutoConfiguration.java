package io.asyncorm.spring.boot.autoconfigure;

import io.asyncorm.engine.AsyncEngine;
import io.asyncorm.orm.AsyncScopedSession;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Micrometer meters for async-orm when Micrometer is present: a {@link MeterBinder} that Boot binds to every
 * {@link MeterRegistry}. Health is Spring Boot's own {@code r2dbc} indicator, which checks the application's
 * {@code ConnectionFactory}: the engine's (with {@code async-orm.engine.url}) or the pool the engine wraps.
 */
@AutoConfiguration(after = AsyncOrmAutoConfiguration.class)
@ConditionalOnClass(AsyncEngine.class)
public final class AsyncOrmActuatorAutoConfiguration {

    /** Created by Spring. */
    AsyncOrmActuatorAutoConfiguration() {
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
