package io.asyncorm.reliability;

import static io.asyncorm.sql.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.asyncorm.engine.AsyncEngine;
import io.asyncorm.engine.EngineOptions;
import io.asyncorm.engine.ExecutionOptions;
import io.asyncorm.exception.StatementTimeoutError;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/**
 * The {@code timeout} execution option: a statement that runs longer fails with {@code StatementTimeoutError}, is
 * stopped on the server, and its connection is discarded; inside a transaction the error leaves the transaction to
 * roll back; a statement within the limit is untouched.
 */
class PostgresStatementTimeoutTests extends PostgresFaultSupport {

    private static final ExecutionOptions LIMIT = ExecutionOptions.builder().timeout(Duration.ofMillis(300)).build();

    @Test
    void aStatementOverItsTimeoutIsStoppedOnTheServerAndItsConnectionDiscarded() {
        AsyncEngine engine = engine(EngineOptions.builder().poolSize(2).build());
        long started = System.nanoTime();
        StepVerifier.create(engine.connect(conn -> conn.execute(text("select pg_sleep(30)"), List.of(), LIMIT)))
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOf(StatementTimeoutError.class)
                        .hasMessageContaining("300 ms").hasMessageContaining("pg_sleep"))
                .verify(Duration.ofSeconds(10));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        awaitNothingHeld(engine, "a statement timed out");
        assertThat(backends()).noneMatch(backend -> backend.query().contains("pg_sleep"));

        StepVerifier.create(engine.connect(conn -> conn.execute(text("select pg_sleep(0.01)"), List.of(), LIMIT)).then())
                .as("within the limit").verifyComplete();
    }

    @Test
    void aTimeoutInsideATransactionRollsItBack() {
        AsyncEngine engine = engine(EngineOptions.builder().poolSize(2).build());
        StepVerifier.create(engine.begin(conn -> conn.execute(text("insert into rel_counter (id, name, total, version) values (1, 'c', 0, 1)"))
                        .then(conn.execute(text("select pg_sleep(30)"), List.of(), LIMIT))))
                .expectError(StatementTimeoutError.class).verify(Duration.ofSeconds(10));
        awaitNothingHeld(engine, "a transaction's statement timed out");
        assertThat(number("select count(*) from rel_counter")).isZero();
    }
}
