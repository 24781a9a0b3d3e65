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
    void aWriteInAReadOnlyTransactionIsAnOrdinaryDataAccessExceptionAndKeepsTheConnection() {
        int[] backend = new int[1];
        // The explicit flush fails inside the method (a read-only transaction flushes nothing by itself); the service is
        // not a @Repository, so the error is async-orm's own: an ordinary error, not a lost connection.
        StepVerifier.create(this.service.writeInReadOnly("not allowed", pid -> backend[0] = pid)).verifyErrorSatisfies(error -> {
            assertThat(error).isInstanceOf(io.asyncorm.exception.InternalError.class).hasRootCauseInstanceOf(io.r2dbc.spi.R2dbcException.class);
            assertThat(((io.asyncorm.exception.InternalError) error).getSqlState()).isEqualTo("25006");
        });
        assertThat(backend[0]).isPositive();
        // The connection went back to the pool: its server process is still there, idle.
        assertThat(texts("select case when pid = pg_backend_pid() then 'idle' else state end from pg_stat_activity where pid = "
                + backend[0])).containsExactly("idle");
        assertThat(notes()).isEmpty();
    }

    @Test
    void readOnlyAppliesToTheSharedConnection() {
        StepVerifier.create(this.service.readOnlySeenByDatabaseClient()).expectNext("on").verifyComplete();
    }

    @Test
    void aTransactionTimeoutCancelsTheSlowStatementOnTheServerAndRollsBack() {
        long started = System.nanoTime();
        StepVerifier.create(this.service.slowerThanTheTimeout("too slow")).verifyErrorSatisfies(error ->
                assertThat(error).isInstanceOf(io.asyncorm.exception.StatementTimeoutError.class).hasMessageContaining("pg_sleep"));
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).isLessThan(java.time.Duration.ofSeconds(10));
        assertThat(notes()).as("the flushed note rolled back").isEmpty();
        assertThat(texts("select count(*)::text from pg_stat_activity where query like 'select pg_sleep(30)%' and state = 'active'"))
                .containsExactly("0");
    }
}
