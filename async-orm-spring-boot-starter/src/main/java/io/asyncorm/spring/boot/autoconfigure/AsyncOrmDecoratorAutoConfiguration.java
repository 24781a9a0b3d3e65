package io.asyncorm.spring.boot.autoconfigure;

import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.r2dbc.ConnectionFactoryDecorator;
import org.springframework.context.annotation.Bean;

/**
 * Spring Boot's {@link ConnectionFactoryDecorator}s (r2dbc-proxy, and through it Micrometer's R2DBC observations) on
 * the driver factory of an engine made from {@code async-orm.engine.url}, as Boot applies them to its own
 * {@code ConnectionFactory}; an engine over Boot's factory gets them from Boot. Runs before the URL engine is made.
 */
@AutoConfiguration(before = AsyncOrmUrlAutoConfiguration.class,
        afterName = "org.springframework.boot.r2dbc.autoconfigure.R2dbcProxyAutoConfiguration")
@ConditionalOnClass(ConnectionFactoryDecorator.class)
public final class AsyncOrmDecoratorAutoConfiguration {

    /** Created by Spring. */
    AsyncOrmDecoratorAutoConfiguration() {
    }

    @Bean
    EngineOptionsBuilderCustomizer asyncOrmConnectionFactoryDecorators(ObjectProvider<ConnectionFactoryDecorator> decorators) {
        return options -> {
            List<ConnectionFactoryDecorator> ordered = decorators.orderedStream().toList();
            if (!ordered.isEmpty()) {
                options.factoryDecorator(factory -> {
                    io.r2dbc.spi.ConnectionFactory decorated = factory;
                    for (ConnectionFactoryDecorator decorator : ordered) {
                        decorated = decorator.decorate(decorated);
                    }
                    return decorated;
                });
            }
        };
    }
}
