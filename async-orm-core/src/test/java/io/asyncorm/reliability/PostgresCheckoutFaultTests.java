package io.asyncorm.reliability;

import static io.asyncorm.sql.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.asyncorm.engine.AsyncConnection;
import io.asyncorm.engine.AsyncEngine;
import io.asyncorm.engine.EngineOptions;
import io.asyncorm.exception.OperationalError;
import io.asyncorm.exception.PoolTimeoutError;
import io.asyncorm.testing.CountingConnectionFactory;
import io.asyncorm.testing.TestDatabases;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import io.r2dbc.spi.R2dbcException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * Checkout and execute faults: a server that cannot be reached or refuses the login is tried once, with the driver's
 * exception as the cause; a pool timeout of zero fails at once when no connection is free; a cancellation raised while a
 * statement runs invalidates that connection (SQLAlchemy's rule for exit exceptions), one raised before it is sent does not.
 */
class PostgresCheckoutFaultTests extends PostgresFaultSupport {

    @Test
    void anUnreachableServerIsTriedOnceAndTheDriversErrorIsTheCause() {
        AtomicInteger attempts = new AtomicInteger();
        AsyncEngine engine = track(AsyncEngine.create(new CountingConnectionFactory(ConnectionFactories.get("r2dbc:postgresql://asyncorm:asyncorm@127.0.0.1:1/none"),
                attempts), EngineOptions.builder().poolPrePing(true).build()));
        StepVerifier.create(engine.connect(conn -> conn.execute(text("select 1")))).expectErrorSatisfies(error -> {
            assertThat(error).isInstanceOf(OperationalError.class).hasMessageContaining("could not connect");
            assertThat(error.getCause()).isNotNull().isNotInstanceOf(OperationalError.class);
            assertThat(error.getCause().getClass().getName()).doesNotContain("RetryExhausted");
        }).verify(Duration.ofSeconds(30));
        assertThat(attempts).hasValue(1);
    }

    @Test
    void aRefusedLoginIsTriedOnceAndTheDriversErrorIsTheCause() {
        AtomicInteger attempts = new AtomicInteger();
        String url = TestDatabases.postgres(this.app).replace("asyncorm:asyncorm@", "no_such_role:wrong@");
        AsyncEngine engine = track(AsyncEngine.create(new CountingConnectionFactory(ConnectionFactories.get(url), attempts),
                EngineOptions.builder().poolPrePing(true).build()));
        StepVerifier.create(engine.connect(conn -> conn.execute(text("select 1")))).expectErrorSatisfies(error -> {
            assertThat(error).isInstanceOf(OperationalError.class);
            assertThat(error.getCause()).isInstanceOf(R2dbcException.class).hasMessageContaining("no_such_role");
        }).verify(Duration.ofSeconds(30));
        assertThat(attempts).hasValue(1);
    }

    @Test
    void aPoolTimeoutOfZeroFailsAtOnceWhenNoConnectionIsFree() {
        AsyncEngine engine = engine(EngineOptions.builder().poolSize(1).maxOverflow(0).poolTimeout(Duration.ZERO).build());
        // The first checkout only has to open a connection: it may.
        assertThat(engine.connect(conn -> conn.<Integer>scalar(text("select 1"))).blockLast()).hasValue(1);
        long[] failedAfter = new long[1];
        StepVerifier.create(engine.connect(held -> held.<Integer>scalar(text("select 1")).then(Mono.defer(() -> {
            long started = System.nanoTime();
            return engine.connect(AsyncConnection::commit).then().doOnError(e -> failedAfter[0] = System.nanoTime() - started);
        })))).expectError(PoolTimeoutError.class).verify(Duration.ofSeconds(10));
        assertThat(Duration.ofNanos(failedAfter[0])).isLessThan(Duration.ofSeconds(1));
        awaitNothingHeld(engine, "an exhausted pool with poolTimeout 0");
    }

    @Test
    void aCancellationRaisedWhileAStatementRunsInvalidatesTheConnection() {
        AsyncEngine engine = engine(EngineOptions.builder().poolSize(1).maxOverflow(0).build());
        long before = pid(engine);
        engine.events().afterExecute(CANCEL_MARKED);
        assertThat(cancelledMarkedStatement(engine)).as("invalidated").isTrue();
        assertThat(pid(engine)).as("a new server process after the invalidation").isNotEqualTo(before);
        awaitNothingHeld(engine, "a cancellation raised by an afterExecute listener");
    }

    @Test
    void aCancellationRaisedBeforeTheStatementIsSentKeepsTheConnection() {
        AsyncEngine engine = engine(EngineOptions.builder().poolSize(1).maxOverflow(0).build());
        long before = pid(engine);
        engine.events().beforeExecute(CANCEL_MARKED);
        assertThat(cancelledMarkedStatement(engine)).as("invalidated").isFalse();
        assertThat(pid(engine)).isEqualTo(before);
    }

    /** A listener that raises a CancellationException for the marked statement (SQLAlchemy's exit exceptions). */
    private static final io.asyncorm.engine.EngineEvents.ExecuteListener CANCEL_MARKED = context -> context.sql().contains("marker")
            ? Mono.error(new CancellationException("the task was cancelled")) : Mono.empty();

    /** Runs the marked statement, expects the CancellationException, and tells whether its connection was invalidated. */
    private static boolean cancelledMarkedStatement(AsyncEngine engine) {
        boolean[] invalidated = new boolean[1];
        StepVerifier.create(engine.connect(conn -> conn.execute(text("select 'marker'"))
                        .doOnError(e -> invalidated[0] = conn.isInvalidated())))
                .expectError(CancellationException.class).verify(Duration.ofSeconds(10));
        return invalidated[0];
    }

    private static long pid(AsyncEngine engine) {
        return engine.connect(conn -> conn.<Number>scalar(text("select pg_backend_pid()"))).blockLast().orElseThrow().longValue();
    }
}
