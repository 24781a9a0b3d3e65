package io.asyncorm.reliability;

import static io.asyncorm.orm.Orm.select;
import static io.asyncorm.sql.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.asyncorm.engine.AsyncEngine;
import io.asyncorm.engine.EngineOptions;
import io.asyncorm.orm.AsyncSession;
import io.asyncorm.orm.AsyncSessionMaker;
import io.asyncorm.reliability.model.Entry;
import io.asyncorm.result.AsyncResult;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.test.StepVerifier;

/**
 * A client takes ten rows of a million-row stream and leaves (a browser tab closed, a {@code take(10)}): the
 * connection must go back within a bounded time, with its cursor and transaction gone, and serve the next unit.
 */
class PostgresStreamAbortTests extends PostgresFaultSupport {

    private static final int ROWS = 1_000_000;

    @Test
    void aClientThatLeavesAMillionRowStreamAfterTenRowsFreesTheConnectionAndItsCursor() {
        this.admin.begin(conn -> conn.execute(text("insert into rel_entry (note) select 'note ' || g from generate_series(1, " + ROWS + ") g")))
                .blockLast();
        AsyncEngine engine = engine(EngineOptions.builder().poolSize(1).maxOverflow(0).fetchSize(100).build());
        AsyncSessionMaker maker = AsyncSessionMaker.builder(engine, REGISTRY).build();

        Duration core = abortAfterTen(engine, maker, session -> session.stream(text("select g, repeat('x', 200) from generate_series(1, "
                + ROWS + ") g")).flatMapMany(AsyncResult::rows).cast(Object.class));
        Duration entities = abortAfterTen(engine, maker, session -> session.streamScalars(select(Entry.class))
                .flatMapMany(result -> result.rows()).cast(Object.class));
        System.out.printf("[faults] a %,d-row stream left after 10 rows: connection back and server idle in %d ms (Core rows), "
                + "%d ms (entities)%n", ROWS, core.toMillis(), entities.toMillis());
    }

    private Duration abortAfterTen(AsyncEngine engine, AsyncSessionMaker maker, Function<AsyncSession, Publisher<Object>> stream) {
        StepVerifier.create(maker.use(stream)).expectNextCount(10).thenCancel().verify(Duration.ofSeconds(30));
        Duration freed = awaitNothingHeld(engine, "leaving a stream after 10 rows");
        assertThat(freed).as("time until the connection is back and the server idle").isLessThan(Duration.ofSeconds(5));
        // The pool's one connection serves the next unit, with no cursor left open on it.
        StepVerifier.create(maker.use(session -> session.<Long>scalar(text("select count(*) from pg_cursors"))))
                .expectNext(Optional.of(0L)).verifyComplete();
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> engine.poolStatus().acquired() == 0);
        return freed;
    }
}
