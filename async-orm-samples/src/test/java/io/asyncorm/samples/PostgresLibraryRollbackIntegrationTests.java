package io.asyncorm.samples;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Rolled-back tests of the sample on PostgreSQL, with the engine's own URL. */
class PostgresLibraryRollbackIntegrationTests extends AbstractLibraryRollbackIntegrationTests {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        LibraryPostgres.register(registry, "library-rollback-tests");
    }
}
