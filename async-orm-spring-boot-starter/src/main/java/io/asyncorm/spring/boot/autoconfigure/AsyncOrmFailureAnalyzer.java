package io.asyncorm.spring.boot.autoconfigure;

import io.asyncorm.engine.AsyncEngine;
import io.asyncorm.exception.ArgumentError;
import io.asyncorm.exception.MappingError;
import io.asyncorm.exception.SchemaMismatchError;
import io.asyncorm.orm.AsyncScopedSession;
import io.asyncorm.orm.AsyncSessionMaker;
import io.asyncorm.orm.Registry;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.Ordered;

/**
 * Explains the startup failures a user of the starter can cause, and what to change: no database to connect to
 * (no driver, no URL), a bad {@code async-orm.engine.*} setting or URL, an entity that fails mapping, no entity
 * found, and a schema that does not match the mapping ({@code async-orm.schema.mode=validate}). Registered in {@code META-INF/spring.factories}; runs before Boot's generic analyzers.
 */
public final class AsyncOrmFailureAnalyzer implements FailureAnalyzer, Ordered {

    private static final Set<Class<?>> ASYNC_ORM_BEANS = Set.of(AsyncEngine.class, Registry.class, AsyncSessionMaker.class,
            AsyncScopedSession.class);

    /** Created by Spring Boot's failure analysis. */
    public AsyncOrmFailureAnalyzer() {
    }

    @Override
    public @Nullable FailureAnalysis analyze(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            FailureAnalysis analysis = analyzeOne(cause, failure);
            if (analysis != null) {
                return analysis;
            }
        }
        return null;
    }

    private static @Nullable FailureAnalysis analyzeOne(Throwable cause, Throwable failure) {
        if (cause instanceof SchemaMismatchError schema) {
            return new FailureAnalysis("The database schema does not match the entity mapping (async-orm.schema.mode=validate):"
                    + System.lineSeparator() + "    - " + String.join(System.lineSeparator() + "    - ", schema.mismatches()),
                    "Add a migration (Flyway, Liquibase) that creates or changes what is listed, or correct the mapping. For a "
                            + "development database, async-orm.schema.mode=create creates missing tables; none skips the check.",
                    failure);
        }
        if (cause instanceof MappingError mapping) {
            return new FailureAnalysis("An entity class could not be mapped: " + mapping.getMessage(),
                    "Fix the mapping annotations of that class (every entity needs an @Id; relationships need a mapped target), "
                            + "or move it out of the packages async-orm scans (@EntityScan).", failure);
        }
        if (cause instanceof ArgumentError argument) {
            return new FailureAnalysis("async-orm could not create its engine: " + argument.getMessage(),
                    "Check the async-orm.engine.* settings: async-orm.engine.url must be an R2DBC URL such as "
                            + "r2dbc:postgresql://localhost:5432/app, and the driver for it (org.postgresql:r2dbc-postgresql, "
                            + "io.r2dbc:r2dbc-h2, org.mariadb:r2dbc-mariadb) must be a dependency.", failure);
        }
        if (cause instanceof NoEntitiesFoundException) {
            return new FailureAnalysis("async-orm found no @Entity (jakarta.persistence.Entity) classes in the application's "
                    + "package or the packages named by @EntityScan.",
                    "Annotate your entity classes with @Entity, put them under the package of your @SpringBootApplication "
                            + "class, or name their packages with @EntityScan(basePackages = ...).", failure);
        }
        if (cause instanceof NoSuchBeanDefinitionException missing && missing.getBeanType() != null
                && ASYNC_ORM_BEANS.contains(missing.getBeanType())) {
            return new FailureAnalysis("No " + missing.getBeanType().getSimpleName() + " bean: async-orm has no database to "
                    + "connect to (neither async-orm.engine.url nor a Spring Boot R2DBC ConnectionFactory is configured).",
                    "Set async-orm.engine.url (for example r2dbc:postgresql://localhost:5432/app) or spring.r2dbc.url, and add "
                            + "an R2DBC driver dependency (org.postgresql:r2dbc-postgresql, or io.r2dbc:r2dbc-h2 for an "
                            + "embedded database).", failure);
        }
        return null;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
