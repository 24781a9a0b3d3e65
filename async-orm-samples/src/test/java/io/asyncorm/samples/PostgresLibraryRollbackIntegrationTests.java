package io.asyncorm.samples;

import io.asyncorm.testing.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Rolled-back tests of the sample on PostgreSQL, with the engine's own URL. */
class PostgresLibraryRollbackIntegrationTests extends AbstractLibraryRollbackIntegrationTests {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("async-orm.engine.url", () -> TestDatabases.postgres("library-rollback-tests"));
    }
}
