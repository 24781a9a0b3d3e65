package io.asyncorm.spring.transaction;

import io.asyncorm.testing.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The transaction suite on PostgreSQL with async-orm.engine.url: DatabaseClient runs on the engine's own pool. */
class OwnUrlPostgresTransactionIntegrationTests extends AbstractTransactionIntegrationTests {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("async-orm.engine.url", TestDatabases::postgres);
    }
}
