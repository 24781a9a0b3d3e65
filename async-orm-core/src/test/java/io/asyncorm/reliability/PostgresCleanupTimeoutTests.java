package io.asyncorm.reliability;

import static io.asyncorm.sql.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.asyncorm.engine.AsyncEngine;
import io.asyncorm.engine.EngineOptions;
import io.asyncorm.testing.TestDatabases;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * Every cleanup step has a time limit: a ROLLBACK that never answers (here: the driver's ROLLBACK never completes) does
 * not hold its pooled connection; past {@code cleanupTimeout} the connection is discarded and the caller goes on.
 */
class PostgresCleanupTimeoutTests extends PostgresFaultSupport {

    /** A driver factory whose connections never answer ROLLBACK. */
    private record HangingRollbacks(ConnectionFactory delegate) implements ConnectionFactory {

        @Override
        public Publisher<? extends Connection> create() {
            return Mono.from(this.delegate.create()).map(physical -> DriverProxies.proxy(Connection.class, physical,
                    (method, args, call) -> method.getName().equals("rollbackTransaction") ? Mono.never() : call.invoke()));
        }

        @Override
        public ConnectionFactoryMetadata getMetadata() {
            return this.delegate.getMetadata();
        }
    }

    @Test
    void aRollbackThatNeverAnswersDiscardsTheConnectionAfterTheCleanupTimeout() {
        AsyncEngine engine = track(AsyncEngine.create(new HangingRollbacks(ConnectionFactories.get(TestDatabases.postgres(this.app))),
                EngineOptions.builder().poolSize(1).maxOverflow(0).cleanupTimeout(Duration.ofMillis(300)).build()));
        String insert = "insert into rel_entry (note) values (:note)";

        // An explicit rollback, and the ROLLBACK sent when a connection goes back with its transaction open.
        StepVerifier.create(engine.connect(conn -> conn.execute(text(insert), Map.of("note", "a")).then(conn.rollback())))
                .verifyComplete();
        awaitNothingHeld(engine, "an explicit rollback that never answered");
        StepVerifier.create(engine.connect(conn -> conn.execute(text(insert), Map.of("note", "b")))).expectNextCount(1).verifyComplete();
        awaitNothingHeld(engine, "a rollback at close that never answered");
        // A transaction scope whose work fails: its rollback is a cleanup too, and the error is the work's.
        StepVerifier.create(engine.begin(conn -> conn.execute(text(insert), Map.of("note", "c"))
                .then(Mono.error(new IllegalStateException("the work failed"))))).verifyErrorMessage("the work failed");
        awaitNothingHeld(engine, "a scoped rollback that never answered");

        assertThat(number("select count(*) from rel_entry")).as("nothing committed").isZero();
        assertThat(engine.connect(conn -> conn.<Integer>scalar(text("select 1"))).blockLast()).hasValue(1);
    }
}
