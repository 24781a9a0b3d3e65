package io.asyncorm.spring.boot.autoconfigure;

import io.asyncorm.engine.AsyncEngine;
import io.asyncorm.engine.EngineOptions;
import io.r2dbc.spi.ConnectionFactory;
import java.util.Objects;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The engine from {@code async-orm.engine.url}, with its own driver factory and pool, and that engine as the
 * application's {@code ConnectionFactory} ({@link AsyncEngine#connectionFactory()}): Spring Boot's R2DBC
 * auto-configuration, which runs after this one, then builds {@code DatabaseClient} on the engine's pool instead of
 * creating a second pool (or an embedded database) of its own. {@code spring.r2dbc.*} is not used in that case.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration")
@ConditionalOnClass({ConnectionFactory.class, AsyncEngine.class})
@ConditionalOnProperty(prefix = "async-orm.engine", name = "url")
@EnableConfigurationProperties(AsyncOrmProperties.class)
public final class AsyncOrmUrlAutoConfiguration {

    /** Created by Spring. */
    AsyncOrmUrlAutoConfiguration() {
    }

    @Bean(destroyMethod = "")
    @ConditionalOnMissingBean
    AsyncEngine asyncEngine(AsyncOrmProperties properties, ObjectProvider<EngineOptionsBuilderCustomizer> optionsCustomizers,
            ObjectProvider<AsyncEngineCustomizer> customizers) {
        AsyncOrmProperties.Engine settings = properties.getEngine();
        EngineOptions.Builder options = EngineOptionsMapping.builder(settings);
        optionsCustomizers.orderedStream().forEach(customizer -> customizer.customize(options));
        AsyncEngine engine = AsyncEngine.create(Objects.requireNonNull(settings.getUrl(), "async-orm.engine.url"), settings.getUsername(),
                settings.getPassword(), options.build());
        customizers.orderedStream().forEach(customizer -> customizer.customize(engine));
        return engine;
    }

    @Bean
    @ConditionalOnMissingBean
    ConnectionFactory asyncOrmConnectionFactory(AsyncEngine engine) {
        return engine.connectionFactory();
    }
}
