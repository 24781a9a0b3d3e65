package io.asyncorm.samples;

import static io.asyncorm.sql.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.asyncorm.engine.AsyncConnection;
import io.asyncorm.engine.AsyncEngine;
import io.asyncorm.engine.EngineOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The sample on PostgreSQL, with clients that hang up mid-request. */
class PostgresLibraryIntegrationTests extends AbstractLibraryIntegrationTests {

    private static final String APP = "library-sample-tests";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        LibraryPostgres.register(registry, APP);
    }

    @Override
    String insertBooks(int count) {
        return "insert into book (title, isbn, copies, author_id, version) select 'Book ' || g, lpad(g::text, 13, '0'), 1, 1, 1 "
                + "from generate_series(1, " + count + ") g";
    }

    /**
     * 300 clients hang up on the NDJSON stream: 40 before their first row (the table is locked, so the query waits) and
     * 260 after ten rows; then writes are cut while they wait on a row lock. Afterwards the pool is idle, no backend of
     * the application is busy or in a transaction, none of the cut writes is committed, and 20 concurrent requests succeed.
     */
    @Test
    void threeHundredClientsThatHangUpLeaveThePoolIdleAndTheApplicationServing() {
        this.engine.begin(conn -> conn.execute(text(insertBooks(2_000)))).blockLast(Duration.ofSeconds(60));
        WebClient client = WebClient.create("http://localhost:" + this.port);
        AsyncEngine admin = AsyncEngine.create(LibraryPostgres.url("library-sample-admin"), EngineOptions.builder().poolSize(2).build());
        try {
            // Before the first row: the query waits on the lock; each client leaves after 50-250 ms.
            admin.connect(holder -> holder.execute(text("lock table book in access exclusive mode"))
                    .then(Flux.range(0, 40).flatMap(i -> client.get().uri("/books/stream").accept(MediaType.APPLICATION_NDJSON)
                            .retrieve().bodyToFlux(String.class).take(Duration.ofMillis(50 + 5L * i)).then(), 40).then())
                    .then(holder.rollback())).blockLast(Duration.ofSeconds(60));
            awaitIdle(admin, "40 streams cut before their first row");

            // Mid-stream: 260 clients read ten rows and leave.
            Long rows = Flux.range(0, 260).flatMap(i -> client.get().uri("/books/stream").accept(MediaType.APPLICATION_NDJSON)
                    .retrieve().bodyToFlux(String.class).limitRate(5).take(10).count(), 20).reduce(0L, Long::sum).block(Duration.ofSeconds(120));
            assertThat(rows).isEqualTo(2_600L);
            awaitIdle(admin, "260 streams cut after ten rows");

            // Writes cut while they wait on a row lock: the application stops them while the lock is still held (so none
            // can go on once it is released), and none is committed.
            AsyncConnection holder = admin.connect().block(Duration.ofSeconds(10));
            try {
                holder.execute(text("select * from book where id = 1 for update")).block(Duration.ofSeconds(10));
                Flux.range(0, 10).flatMap(i -> client.put().uri("/books/1/title").contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("title", "cut " + i, "version", 1)).retrieve().bodyToMono(String.class)
                        .take(Duration.ofMillis(100)).onErrorResume(e -> Mono.empty()), 10).blockLast(Duration.ofSeconds(60));
                awaitIdle(admin, "10 writes cut behind a lock, the lock still held");
                holder.rollback().block(Duration.ofSeconds(10));
            } finally {
                holder.close().block(Duration.ofSeconds(10));
            }
            this.web.get().uri("/books/1").exchange().expectStatus().isOk().expectBody().jsonPath("$.version").isEqualTo(1);

            List<Integer> statuses = Flux.range(1, 20).flatMap(i -> client.get().uri("/books/" + (1 + i % 6))
                    .exchangeToMono(response -> Mono.just(response.statusCode().value())), 20).collectList().block(Duration.ofSeconds(60));
            assertThat(statuses).hasSize(20).containsOnly(200);
            awaitIdle(admin, "20 concurrent requests");
        } finally {
            admin.dispose().block(Duration.ofSeconds(30));
        }
    }

    private void awaitIdle(AsyncEngine admin, String after) {
        Awaitility.await("the pool and the server to settle after " + after).atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
                    assertThat(this.engine.poolStatus().acquired()).as("acquired").isZero();
                    assertThat(this.engine.poolStatus().pending()).as("pending").isZero();
                    Number busy = admin.connect(conn -> conn.<Number>scalar(text("select count(*) from pg_stat_activity where "
                            + "application_name = :app and state <> 'idle'"), Map.of("app", APP))).blockLast().orElseThrow();
                    assertThat(busy.intValue()).as("backends of the application busy or in a transaction").isZero();
                });
    }
}
