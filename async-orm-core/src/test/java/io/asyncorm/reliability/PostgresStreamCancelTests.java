package io.asyncorm.reliability;

import static io.asyncorm.sql.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.asyncorm.engine.AsyncEngine;
import io.asyncorm.engine.EngineOptions;
import io.asyncorm.result.AsyncResult;
import io.asyncorm.result.Row;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A stream whose subscriber hangs up before the first row arrives (the server is still computing it): the
 * connection goes back to the pool every time, its backend idle, and the next unit of work runs.
 */
class PostgresStreamCancelTests extends PostgresFaultSupport {

    private static final String SLOW_FIRST_ROW = "select case when g = 1 then pg_sleep(1) end, g from generate_series(1, 100000) g";

    @Test
    void aStreamCancelledBeforeItsFirstRowGivesItsConnectionBackEveryTime() {
        AsyncEngine engine = engine(EngineOptions.builder().poolSize(2).maxOverflow(0).build());
        Random random = new Random(18);
        List<Long> freedMillis = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            long delay = i == 0 ? 5 : i == 1 ? 1000 : 5 + random.nextInt(995);
            Flux<Row> rows = engine.connect(conn -> conn.stream(text(SLOW_FIRST_ROW)).flatMapMany(AsyncResult::rows));
            Disposable subscription = rows.subscribe(row -> { }, error -> { });
            Mono.delay(Duration.ofMillis(delay)).block();
            subscription.dispose();
            freedMillis.add(awaitNothingHeld(engine, "a stream cancelled after " + delay + " ms").toMillis());
        }
        assertThat(engine.connect(conn -> conn.<Integer>scalar(text("select 1"))).blockLast()).hasValue(1);
        System.out.printf("[faults] 50 streams cancelled before their first row: freed in at most %d ms%n",
                freedMillis.stream().mapToLong(Long::longValue).max().orElse(0));
    }
}
