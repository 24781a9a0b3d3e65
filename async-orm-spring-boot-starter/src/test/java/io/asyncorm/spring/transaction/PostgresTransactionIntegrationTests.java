package io.asyncorm.spring.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncorm.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.test.StepVerifier;

/** The transaction suite on PostgreSQL, plus isolation level and read-only, which H2's driver does not report. */
class PostgresTransactionIntegrationTests extends AbstractTransactionIntegrationTests {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.r2dbc.url", TestDatabases::postgres);
    }

    @Test
    void isolationLevelAppliesToTheSharedConnection() {
        StepVerifier.create(this.service.isolationSeenByDatabaseClient()).expectNext("serializable").verifyComplete();
        assertThat(this.scoped.size()).isZero();
    }

    @Test
    void readOnlyAppliesToTheSharedConnection() {
        StepVerifier.create(this.service.readOnlySeenByDatabaseClient()).expectNext("on").verifyComplete();
    }
}
