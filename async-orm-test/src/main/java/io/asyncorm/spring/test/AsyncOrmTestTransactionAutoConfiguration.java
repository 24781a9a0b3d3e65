package io.asyncorm.spring.test;

import io.asyncorm.engine.AsyncEngine;
import io.asyncorm.spring.boot.autoconfigure.AsyncOrmAutoConfiguration;
import io.asyncorm.spring.boot.autoconfigure.AsyncOrmUrlAutoConfiguration;
import io.asyncorm.spring.boot.autoconfigure.EngineOptionsBuilderCustomizer;
import io.r2dbc.spi.ConnectionFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/**
 * Puts the application's connections under the test transaction ({@link AutoConfigureAsyncOrm} says how). Over Spring
 * Boot's {@code ConnectionFactory} the bean itself is wrapped, so the engine, {@code DatabaseClient} and any transaction
 * manager get handles; with {@code async-orm.engine.url} the engine's driver factory is wrapped (the application's
 * {@code ConnectionFactory} is the engine's). Either way the engine does not pool.
 */
@AutoConfiguration(before = {AsyncOrmUrlAutoConfiguration.class, AsyncOrmAutoConfiguration.class})
@ConditionalOnClass({ConnectionFactory.class, AsyncEngine.class})
public final class AsyncOrmTestTransactionAutoConfiguration {

    private static final String ENGINE_URL = "async-orm.engine.url";

    /** Created by Spring. */
    AsyncOrmTestTransactionAutoConfiguration() {
    }

    @Bean
    static RollbackConnections asyncOrmRollbackConnections() {
        return new RollbackConnections();
    }

    @Bean
    static BeanPostProcessor asyncOrmRollbackConnectionFactory(ObjectProvider<RollbackConnections> connections,
            Environment environment) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                boolean application = bean instanceof ConnectionFactory && !(bean instanceof RollbackConnectionFactory)
                        && !environment.containsProperty(ENGINE_URL);
                return application ? connections.getObject().wrap((ConnectionFactory) bean) : bean;
            }
        };
    }

    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    EngineOptionsBuilderCustomizer asyncOrmRollbackEngineOptions(RollbackConnections connections, Environment environment) {
        return options -> {
            options.poolEnabled(false);
            if (environment.containsProperty(ENGINE_URL)) {
                options.factoryDecorator(connections::wrap);
            }
        };
    }
}
