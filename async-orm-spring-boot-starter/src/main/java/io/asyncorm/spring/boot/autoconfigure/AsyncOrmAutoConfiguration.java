package io.asyncorm.spring.boot.autoconfigure;

import io.asyncorm.engine.AsyncEngine;
import io.asyncorm.engine.EngineOptions;
import io.asyncorm.orm.AsyncScopedSession;
import io.asyncorm.orm.AsyncSessionMaker;
import io.asyncorm.orm.Registry;
import io.asyncorm.orm.ScopeFunction;
import io.asyncorm.spring.transaction.AsyncOrmExceptionTranslator;
import io.asyncorm.spring.transaction.AsyncOrmTransactionManager;
import io.asyncorm.spring.transaction.ReactiveExceptionTranslationInterceptor;
import io.asyncorm.spring.transaction.TransactionAwareScopeFunction;
import io.r2dbc.spi.ConnectionFactory;
import jakarta.persistence.Entity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;
import org.springframework.aop.Advisor;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.persistence.autoconfigure.EntityScanner;
import org.springframework.boot.r2dbc.EmbeddedDatabaseConnection;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Role;
import org.springframework.core.env.Environment;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Repository;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.util.ClassUtils;

/**
 * Auto-configures async-orm: the {@link AsyncEngine} around Spring Boot's {@code ConnectionFactory} (unless
 * {@link AsyncOrmUrlAutoConfiguration} made one from {@code async-orm.engine.url}), the entity {@link Registry}
 * (scanned from {@code @EntityScan} packages or the application's package), the {@link AsyncSessionMaker}, the
 * {@link AsyncScopedSession}, the {@link AsyncOrmTransactionManager} (in place of Boot's
 * {@code R2dbcTransactionManager}) and exception translation for {@code @Repository} beans
 * ({@link AsyncOrmWebFluxAutoConfiguration} adds the request scope). Every bean backs off when the application
 * defines its own.
 */
@AutoConfiguration(after = AsyncOrmUrlAutoConfiguration.class,
        afterName = "org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration",
        beforeName = {"org.springframework.boot.r2dbc.autoconfigure.R2dbcTransactionManagerAutoConfiguration",
                "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration"})
@ConditionalOnClass({ConnectionFactory.class, AsyncEngine.class})
@EnableConfigurationProperties(AsyncOrmProperties.class)
public final class AsyncOrmAutoConfiguration {

    /** Created by Spring. */
    AsyncOrmAutoConfiguration() {
    }

    /**
     * The engine around Spring Boot's ConnectionFactory, unless there is one already (from {@code async-orm.engine.url}
     * or the application). Nested, so the engine is registered before the outer beans' conditions look for it.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean(ConnectionFactory.class)
    static final class ConnectionFactoryEngineConfiguration {

        @Bean(destroyMethod = "")
        @ConditionalOnMissingBean
        AsyncEngine asyncEngine(AsyncOrmProperties properties, ConnectionFactory connectionFactory,
                ObjectProvider<EngineOptionsBuilderCustomizer> optionsCustomizers, ObjectProvider<AsyncEngineCustomizer> customizers,
                Environment environment) {
            warnOfIgnoredPoolSettings(environment);
            EngineOptions.Builder options = EngineOptionsMapping.builder(properties.getEngine());
            optionsCustomizers.orderedStream().forEach(customizer -> customizer.customize(options));
            AsyncEngine engine = AsyncEngine.create(connectionFactory, options.build());
            customizers.orderedStream().forEach(customizer -> customizer.customize(engine));
            return engine;
        }
    }

    /**
     * Over Spring Boot's ConnectionFactory the engine does not pool (Boot's {@code spring.r2dbc.pool.*} does), so
     * {@code async-orm.engine.pool.*} would be ignored without a word: it is said once, at startup.
     */
    static void warnOfIgnoredPoolSettings(Environment environment) {
        List<String> set = java.util.stream.Stream.of("enabled", "size", "max-overflow", "timeout", "recycle", "idle-timeout", "pre-ping")
                .map(name -> "async-orm.engine.pool." + name).filter(environment::containsProperty).toList();
        if (!set.isEmpty()) {
            LoggerFactory.getLogger(AsyncOrmAutoConfiguration.class).warn("{} do not apply: the engine uses Spring Boot's "
                    + "ConnectionFactory, whose pool spring.r2dbc.pool.* configures. Set async-orm.engine.url for the engine's own "
                    + "pool, or move these settings to spring.r2dbc.pool.*", set);
        }
    }

    @Bean
    @ConditionalOnBean(AsyncEngine.class)
    AsyncEngineLifecycle asyncEngineLifecycle(AsyncEngine engine) {
        return new AsyncEngineLifecycle(engine);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(AsyncEngine.class)
    Registry asyncOrmRegistry(ApplicationContext context) throws ClassNotFoundException {
        List<Class<?>> entities = new ArrayList<>(new EntityScanner(context).scan(Entity.class));
        if (entities.isEmpty()) {
            throw new NoEntitiesFoundException();
        }
        entities.sort(Comparator.comparing(Class::getName));
        return Registry.of(entities);
    }

    /** Orders the beans marked {@code @DependsOnDatabaseInitialization} (the schema initializer) after Flyway and the rest. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer")
    @Import(DatabaseInitializationDependencyConfigurer.class)
    static final class DatabaseInitializationOrder {
    }

    /** Creates or validates the mapped tables at startup, after Flyway, Liquibase and Boot's SQL scripts. */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean({AsyncEngine.class, Registry.class})
    @DependsOnDatabaseInitialization
    AsyncOrmSchemaInitializer asyncOrmSchemaInitializer(AsyncEngine engine, Registry registry, AsyncOrmProperties properties,
            ObjectProvider<ConnectionFactory> connectionFactory) {
        AsyncOrmProperties.SchemaMode mode = properties.getSchema().getMode();
        if (mode == null) {
            mode = embedded(engine, connectionFactory.getIfUnique()) ? AsyncOrmProperties.SchemaMode.CREATE
                    : AsyncOrmProperties.SchemaMode.NONE;
        }
        return new AsyncOrmSchemaInitializer(engine, registry, mode);
    }

    /** An in-memory H2 database: by the engine's URL, or by Boot's own test of its ConnectionFactory. */
    private static boolean embedded(AsyncEngine engine, @Nullable ConnectionFactory bootFactory) {
        if (!engine.dialect().name().equals("h2")) {
            return false;
        }
        if (engine.url().contains(":mem:")) {
            return true;
        }
        if (bootFactory == null || !ClassUtils.isPresent("org.springframework.boot.r2dbc.EmbeddedDatabaseConnection", null)) {
            return false;
        }
        try {
            return EmbeddedDatabaseConnection.isEmbedded(bootFactory);
        } catch (IllegalArgumentException | IllegalStateException notOptionsCapable) {
            return false;
        }
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean({AsyncEngine.class, Registry.class})
    AsyncSessionMaker asyncSessionMaker(AsyncEngine engine, Registry registry, AsyncOrmProperties properties,
            ObjectProvider<AsyncSessionMakerCustomizer> customizers, ObjectProvider<AsyncOrmSchemaInitializer> schema) {
        // Made after the schema is in place: no unit of work meets a missing table.
        schema.ifAvailable(initializer -> { });
        AsyncSessionMaker.Builder builder = AsyncSessionMaker.builder(engine, registry)
                .expireOnCommit(properties.getSession().isExpireOnCommit())
                .autoflush(properties.getSession().isAutoflush());
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        return builder.build();
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(AsyncSessionMaker.class)
    TransactionAwareScopeFunction asyncOrmScopeFunction(AsyncSessionMaker maker) {
        return TransactionAwareScopeFunction.create(maker, ScopeFunction.contextValue());
    }

    // No destroy method: Spring would infer close() and call it at shutdown outside any scope, which fails (and logs a
    // WARN). Scopes end with their requests and transactions; the engine is disposed by AsyncEngineLifecycle.
    @Bean(destroyMethod = "")
    @ConditionalOnMissingBean
    @ConditionalOnBean(AsyncSessionMaker.class)
    AsyncScopedSession asyncScopedSession(AsyncSessionMaker maker, TransactionAwareScopeFunction scopes) {
        return AsyncScopedSession.of(maker, scopes);
    }

    @Bean
    @ConditionalOnMissingBean(ReactiveTransactionManager.class)
    @ConditionalOnBean(AsyncScopedSession.class)
    AsyncOrmTransactionManager transactionManager(AsyncScopedSession session, TransactionAwareScopeFunction scopes,
            ObjectProvider<ConnectionFactory> connectionFactory) {
        // The application's ConnectionFactory is the one the engine wraps, or the engine's own view (own URL), so
        // DatabaseClient joins the transaction either way.
        return new AsyncOrmTransactionManager(session, scopes, connectionFactory.getIfUnique());
    }

    @Bean
    @ConditionalOnMissingBean
    AsyncOrmExceptionTranslator asyncOrmExceptionTranslator() {
        return new AsyncOrmExceptionTranslator();
    }

    /**
     * Translation for {@code @Repository} beans that covers the error signals of returned publishers; an
     * infrastructure advisor, so the proxy creator that {@code @Transactional} already needs applies it.
     */
    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    @ConditionalOnMissingBean(name = "asyncOrmRepositoryTranslationAdvisor")
    @ConditionalOnProperty(prefix = "spring.dao.exceptiontranslation", name = "enabled", matchIfMissing = true)
    static Advisor asyncOrmRepositoryTranslationAdvisor() {
        DefaultPointcutAdvisor advisor = new DefaultPointcutAdvisor(new AnnotationMatchingPointcut(Repository.class, true),
                new ReactiveExceptionTranslationInterceptor(new AsyncOrmExceptionTranslator()));
        advisor.setOrder(Ordered.LOWEST_PRECEDENCE);
        return advisor;
    }
}
