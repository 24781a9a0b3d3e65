package io.asyncorm.samples;

import io.asyncorm.testing.TestDatabases;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactoryOptions;
import java.time.Duration;
import org.springframework.test.context.DynamicPropertyRegistry;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The sample's PostgreSQL for tests: schema {@code library} of the test database, dropped once per test run so that
 * Flyway migrates it from scratch, for the R2DBC engine and for Flyway's JDBC connection alike.
 */
final class LibraryPostgres {

    static final String SCHEMA = "library";

    private static boolean dropped;

    private LibraryPostgres() {
    }

    /**
     * Points the application at the schema: the engine's URL, Flyway's JDBC URL and credentials.
     *
     * @param registry the test's dynamic properties
     * @param application the application name its backends report
     */
    static void register(DynamicPropertyRegistry registry, String application) {
        dropOnce();
        registry.add("async-orm.engine.url", () -> url(application));
        ConnectionFactoryOptions options = ConnectionFactoryOptions.parse(TestDatabases.postgres());
        registry.add("spring.flyway.url", () -> "jdbc:postgresql://" + options.getValue(ConnectionFactoryOptions.HOST) + ":"
                + options.getValue(ConnectionFactoryOptions.PORT) + "/" + options.getValue(ConnectionFactoryOptions.DATABASE));
        registry.add("spring.flyway.user", () -> options.getValue(ConnectionFactoryOptions.USER));
        registry.add("spring.flyway.password", () -> String.valueOf(options.getValue(ConnectionFactoryOptions.PASSWORD)));
        registry.add("spring.flyway.schemas", () -> SCHEMA);
    }

    /**
     * @param application the application name its backends report
     * @return the R2DBC URL of the schema
     */
    static String url(String application) {
        return TestDatabases.postgres(application) + "&schema=" + SCHEMA;
    }

    private static synchronized void dropOnce() {
        if (dropped) {
            return;
        }
        Mono.usingWhen(ConnectionFactories.get(TestDatabases.postgres()).create(),
                connection -> Flux.from(connection.createStatement("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE").execute())
                        .concatMap(result -> result.getRowsUpdated()).then(), Connection::close)
                .block(Duration.ofSeconds(30));
        dropped = true;
    }
}
