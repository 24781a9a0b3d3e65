package io.asyncorm.spring.boot.autoconfigure;

import io.asyncorm.engine.AsyncEngine;
import io.asyncorm.engine.EngineOptions;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcConnectionDetails;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.util.ClassUtils;

/**
 * The engine from {@code async-orm.engine.url}, with its own driver factory and pool, and that engine as the
 * application's {@code ConnectionFactory} ({@link AsyncEngine#connectionFactory()}): Spring Boot's R2DBC
 * auto-configuration, which runs after this one, then builds {@code DatabaseClient} on the engine's pool instead of
 * creating a second pool (or an embedded database) of its own. {@code spring.r2dbc.*} is not used in that case. A
 * service connection's {@code R2dbcConnectionDetails} (Testcontainers, Docker Compose) wins over the URL.
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
            ObjectProvider<AsyncEngineCustomizer> customizers, ApplicationContext context) {
        AsyncOrmProperties.Engine settings = properties.getEngine();
        EngineOptions.Builder options = EngineOptionsMapping.builder(settings);
        optionsCustomizers.orderedStream().forEach(customizer -> customizer.customize(options));
        EngineOptions built = options.build();
        // A service connection (Testcontainers' @ServiceConnection, Docker Compose) names the database the application
        // must use in that run: it wins over the configured URL, as it wins over spring.r2dbc.url.
        ConnectionFactoryOptions serviceConnection = ServiceConnections.options(context);
        AsyncEngine engine = serviceConnection != null
                ? AsyncEngine.create(built.factoryDecorator().apply(ConnectionFactories.get(serviceConnection)), built)
                : AsyncEngine.create(Objects.requireNonNull(settings.getUrl(), "async-orm.engine.url"), settings.getUsername(),
                        settings.getPassword(), built);
        customizers.orderedStream().forEach(customizer -> customizer.customize(engine));
        return engine;
    }

    @Bean
    @ConditionalOnMissingBean
    ConnectionFactory asyncOrmConnectionFactory(AsyncEngine engine) {
        return engine.connectionFactory();
    }

    /** Boot's connection details from a service connection, read only when spring-boot-r2dbc is on the class path. */
    private static final class ServiceConnections {

        private static final String DETAILS = "org.springframework.boot.r2dbc.autoconfigure.R2dbcConnectionDetails";

        static @Nullable ConnectionFactoryOptions options(ApplicationContext context) {
            if (!ClassUtils.isPresent(DETAILS, ServiceConnections.class.getClassLoader())) {
                return null;
            }
            return fromDetails(context);
        }

        private static @Nullable ConnectionFactoryOptions fromDetails(ApplicationContext context) {
            R2dbcConnectionDetails details = context.getBeanProvider(R2dbcConnectionDetails.class).getIfUnique();
            // Boot's own details only restate spring.r2dbc.*, which async-orm.engine.url overrides.
            return details == null || details.getClass().getName().endsWith("PropertiesR2dbcConnectionDetails") ? null
                    : details.getConnectionFactoryOptions();
        }
    }
}
