package io.asyncorm.spring.boot.autoconfigure;

import io.asyncorm.engine.AsyncEngine;
import io.asyncorm.orm.Registry;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import org.springframework.r2dbc.connection.init.ConnectionFactoryInitializer;
import org.springframework.r2dbc.connection.init.DatabasePopulator;
import reactor.core.publisher.Mono;

/**
 * Brings the database schema in line with the entity mapping at startup, as {@code async-orm.schema.mode} says:
 * {@code create} creates the missing tables (never drops), {@code validate} checks the tables, columns and column types
 * against the mapping and fails startup naming every mismatch, {@code none} does nothing. Spring's own
 * {@link ConnectionFactoryInitializer} runs it (and waits for it, as Boot's script initializer does), after Flyway,
 * Liquibase and Boot's SQL scripts; the session maker waits for it, so no unit of work meets a missing table.
 */
public class AsyncOrmSchemaInitializer extends ConnectionFactoryInitializer {

    private final AsyncOrmProperties.SchemaMode mode;

    /**
     * Creates the initializer.
     *
     * @param engine the engine whose database to check or create
     * @param registry the mapped entities
     * @param mode what to do; {@code none} disables it
     */
    public AsyncOrmSchemaInitializer(AsyncEngine engine, Registry registry, AsyncOrmProperties.SchemaMode mode) {
        this.mode = mode;
        setConnectionFactory(engine.connectionFactory());
        setEnabled(mode != AsyncOrmProperties.SchemaMode.NONE);
        setDatabasePopulator(new SchemaPopulator(engine, registry, mode));
    }

    /**
     * What this initializer does.
     *
     * @return the mode in effect (never the unset default: that is resolved to {@code create} or {@code none})
     */
    public AsyncOrmProperties.SchemaMode mode() {
        return this.mode;
    }

    /**
     * Creates or validates through the engine's own connections (its {@code AsyncConnection}s), not the raw connection
     * Spring's default {@code populate(ConnectionFactory)} would check out first and leave unused.
     */
    private record SchemaPopulator(AsyncEngine engine, Registry registry, AsyncOrmProperties.SchemaMode mode)
            implements DatabasePopulator {

        @Override
        public Mono<Void> populate(ConnectionFactory connectionFactory) {
            return (this.mode == AsyncOrmProperties.SchemaMode.CREATE
                    ? this.engine.begin(conn -> this.registry.metadata().createAll(conn))
                    : this.engine.connect(conn -> this.registry.metadata().validate(conn))).then();
        }

        @Override
        public Mono<Void> populate(Connection connection) {
            return Mono.error(new UnsupportedOperationException("The schema is created or validated through the engine"));
        }
    }
}
