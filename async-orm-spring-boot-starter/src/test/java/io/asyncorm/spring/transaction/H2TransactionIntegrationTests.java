package io.asyncorm.spring.transaction;

import io.asyncorm.testing.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The transaction suite on an in-memory H2 through Spring Boot's pooled ConnectionFactory. */
class H2TransactionIntegrationTests extends AbstractTransactionIntegrationTests {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.r2dbc.url", TestDatabases::h2);
    }
}
