package io.asyncorm.engine;

import static io.asyncorm.sql.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.asyncorm.result.AsyncResult;
import io.asyncorm.result.Result;
import io.asyncorm.result.Row;
import io.asyncorm.testing.TestDatabases;
import io.r2dbc.spi.IsolationLevel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The engine scenarios on PostgreSQL, plus what only PostgreSQL can show (AS-03 with a real cursor, pre-ping). */
class PostgresEngineIntegrationTests extends AbstractEngineIntegrationTests {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresEngineIntegrationTests.class);

    @Override
    protected String url() {
        return TestDatabases.postgres();
    }

    private long lastValue(String sequence) {
        return this.engine.connect(conn -> conn.<Number>scalar(text("select last_value from " + sequence)))
                .single().map(value -> value.orElseThrow().longValue()).block();
    }

    @Test
    void streamingHundredThousandRowsKeepsTheServerWithinABoundedDistanceOfTheReader() {
        AsyncEngine streaming = engine(EngineOptions.builder().fetchSize(100));
        String sequence = this.table + "_seq";
        this.engine.begin(conn -> conn.execute(text("create sequence " + sequence))).blockLast();
        try {
            // nextval() runs as the server produces each row, so last_value (read on another
            // connection) counts the rows the server has sent towards the client.
            String select = "select g, nextval('" + sequence + "') from generate_series(1, 100000) g";
            long[] maxAhead = {0};
            StepVerifier.Step<Row> step = StepVerifier.create(streaming.connect(conn -> conn.stream(text(select))
                    .flatMapMany(AsyncResult::rows)), 0);
            long consumed = 0;
            for (int round = 0; round < 50; round++) {
                step = step.thenRequest(10).expectNextCount(10);
                consumed += 10;
                long read = consumed;
                step = step.then(() -> maxAhead[0] = Math.max(maxAhead[0], lastValue(sequence) - read));
            }
            step.thenRequest(Long.MAX_VALUE).expectNextCount(100_000 - consumed).verifyComplete();
            LOG.info("AS-03: with fetchSize 100, the server was at most {} rows ahead of a reader taking 10 at a time", maxAhead[0]);
            // Our own demand is at most two fetches (200 rows); the driver's receive buffers add a fixed
            // amount on top (measured: about 300). The bound is constant, far below the 100,000 rows.
            assertThat(maxAhead[0]).isBetween(0L, 1000L);
            assertThat(streaming.poolStatus().acquired()).isZero();
        } finally {
            this.engine.begin(conn -> conn.execute(text("drop sequence " + sequence))).blockLast();
            streaming.dispose().block();
        }
    }

    @Test
    void takingFiveRowsOfAStreamReturnsTheConnectionToThePool() {
        String select = "select g from generate_series(1, 100000) g";
        StepVerifier.create(this.engine.connect(conn -> conn.stream(text(select)).flatMapMany(AsyncResult::rows)).take(5))
                .expectNextCount(5).verifyComplete();
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> this.engine.poolStatus().acquired() == 0);
        StepVerifier.create(this.engine.connect(conn -> conn.<Integer>scalar(text("select 42")))).expectNext(Optional.of(42)).verifyComplete();
        assertThat(this.engine.poolStatus().acquired()).isZero();
    }

    @Test
    void aStreamCancelledMidwayLeavesTheSameConnectionUsableInTheSameTransaction() {
        String select = "select g from generate_series(1, 100000) g";
        Mono<List<Object>> work = this.engine.connect(conn -> conn.stream(text(select))
                .flatMapMany(result -> result.rows().take(7))
                .map(row -> row.get(0))
                .collectList()
                .flatMap(first -> conn.<Integer>scalar(text("select 41 + 1")).map(answer -> List.<Object>of(first.size(), answer))))
                .single();
        StepVerifier.create(work).expectNext(List.of(7, Optional.of(42))).verifyComplete();
        StepVerifier.create(this.engine.connect(conn -> conn.stream(text(select))
                        .flatMap(result -> result.fetchMany(3).then(result.close()))
                        .then(conn.execute(text("select count(*) from generate_series(1, 10)"))))
                        .single().map(result -> result.<Long>scalarOne()))
                .expectNext(10L).verifyComplete();
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> this.engine.poolStatus().acquired() == 0);
    }

    @Test
    void prePingReplacesAConnectionTheServerKilled() {
        AsyncEngine pinging = engine(EngineOptions.builder().poolSize(1).maxOverflow(0).poolPrePing(true));
        try {
            Integer first = pinging.connect(conn -> conn.<Integer>scalar(text("select pg_backend_pid()"))).single().block().orElseThrow();
            StepVerifier.create(this.engine.connect(conn -> conn.<Boolean>scalar(text("select pg_terminate_backend(:pid)"), Map.of("pid", first))))
                    .expectNext(Optional.of(true)).verifyComplete();
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> this.engine.connect(conn -> conn.<Number>scalar(
                    text("select count(*) from pg_stat_activity where pid = :pid"), Map.of("pid", first)))
                    .single().block().orElseThrow().intValue() == 0);

            StepVerifier.create(pinging.connect(conn -> conn.<Integer>scalar(text("select pg_backend_pid()"))))
                    .assertNext(pid -> assertThat(pid).isPresent().get().isNotEqualTo(first))
                    .verifyComplete();
            assertThat(pinging.poolStatus().acquired()).isZero();
        } finally {
            pinging.dispose().block();
        }
    }

    @Test
    void isolationLevelAppliesEngineWideAndPerConnection() {
        AsyncEngine serializable = engine(EngineOptions.builder().isolationLevel(IsolationLevel.SERIALIZABLE));
        try {
            StepVerifier.create(serializable.connect(conn -> conn.<String>scalar(text("show transaction isolation level"))))
                    .expectNext(Optional.of("serializable")).verifyComplete();
            Mono<Optional<String>> perConnection = this.engine.connect(conn -> conn
                    .executionOptions(ExecutionOptions.builder().isolationLevel(IsolationLevel.REPEATABLE_READ).build())
                    .flatMap(c -> c.<String>scalar(text("show transaction isolation level")))).single();
            StepVerifier.create(perConnection).expectNext(Optional.of("repeatable read")).verifyComplete();
        } finally {
            serializable.dispose().block();
        }
    }

    @Test
    void aServerThatCannotBeReachedOrRefusesTheLoginIsAnOperationalErrorNamingIt() {
        AsyncEngine nowhere = AsyncEngine.create("r2dbc:postgresql://asyncorm:asyncorm@127.0.0.1:1/asyncorm_test");
        StepVerifier.create(nowhere.connect(conn -> conn.execute(text("select 1")))).verifyErrorSatisfies(error -> assertThat(error)
                .isInstanceOf(io.asyncorm.exception.OperationalError.class)
                .hasMessageContaining("could not connect to r2dbc:postgresql://asyncorm:***@127.0.0.1:1/asyncorm_test"));
        // A role that does not exist is refused even where the server trusts local connections.
        String unknownRole = TestDatabases.postgres().replaceFirst("://[^@/]*@", "://no_such_role:s3cret@");
        if (!unknownRole.equals(TestDatabases.postgres())) {
            StepVerifier.create(AsyncEngine.create(unknownRole).connect()).verifyErrorSatisfies(error -> assertThat(error)
                    .isInstanceOf(io.asyncorm.exception.OperationalError.class).hasMessageContaining("could not connect")
                    .hasMessageContaining("no_such_role").message().doesNotContain("s3cret"));
        }
    }

    @Test
    void typedValuesRoundTrip() {
        Mono<List<Object>> values = this.engine.connect(conn -> conn.execute(text(
                "select cast(:n as bigint) as n, cast(:d as numeric(10,2)) as d, cast(:b as boolean) as b, cast(:t as text) as t"),
                Map.of("n", 5_000_000_000L, "d", new java.math.BigDecimal("12.34"), "b", true, "t", "x'\"\u00e9\u0000".replace("\u0000", "")))
                .map(result -> result.one().values())).single();
        StepVerifier.create(values).assertNext(row -> assertThat(row)
                .containsExactly(5_000_000_000L, new java.math.BigDecimal("12.34"), true, "x'\"\u00e9")).verifyComplete();
    }

    /**
     * From a result's second row on, the engine reads columns by their type (the driver finds that codec faster than the one
     * for {@code Object}): every row must still hold exactly what the first row, read as {@code Object}, holds, for every
     * kind of column, buffered and streamed.
     */
    @Test
    void everyRowOfAResultHoldsTheValuesAndTypesOfItsFirstRow() {
        String select = "select cast(1 as smallint) a, 2 b, cast(3 as bigint) c, cast(4.5 as numeric(5,2)) d, cast(5.5 as real) e, "
                + "cast(6.5 as double precision) f, true g, cast('t' as text) h, cast('v' as varchar(9)) i, cast('p' as char(3)) j, "
                + "cast('q' as \"char\") k, cast('n' as name) l, cast('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11' as uuid) m, "
                + "date '2026-12-07' n, time '01:02:03' o, timestamp '2026-12-07 01:02:03' p, "
                + "cast('2026-12-07 01:02:03+02' as timestamptz) q, cast('01:02:03+02' as timetz) r, interval '2 days' s, "
                + "cast('{\"x\": 1}' as json) t, cast('{\"x\": 1}' as jsonb) u, cast('ab' as bytea) v, array[1, 2] w, array['x'] x, "
                + "cast(null as bigint) y, cast(null as text) z, cast(7 as oid) oid from generate_series(1, 3)";
        StepVerifier.create(this.engine.connect(conn -> conn.execute(text(select))).single().map(Result::all))
                .assertNext(PostgresEngineIntegrationTests::assertSameAsTheFirstRow).verifyComplete();
        AsyncEngine streaming = engine(EngineOptions.builder().fetchSize(2));
        try {
            StepVerifier.create(streaming.connect(conn -> conn.stream(text(select)).flatMapMany(AsyncResult::rows)).collectList())
                    .assertNext(PostgresEngineIntegrationTests::assertSameAsTheFirstRow).verifyComplete();
        } finally {
            streaming.dispose().block();
        }
    }

    private static void assertSameAsTheFirstRow(List<Row> rows) {
        assertThat(rows).hasSize(3);
        List<Object> first = rows.get(0).values();
        assertThat(first).hasSize(27).filteredOn(value -> value != null).hasSize(25);
        for (Row row : rows.subList(1, rows.size())) {
            for (int i = 0; i < first.size(); i++) {
                Object value = row.values().get(i);
                // The driver's Json has no equals: compared by its text.
                assertThat(value instanceof io.r2dbc.postgresql.codec.Json json ? json.asString() : value).as(row.keys().get(i))
                        .isEqualTo(first.get(i) instanceof io.r2dbc.postgresql.codec.Json json ? json.asString() : first.get(i));
                assertThat(value == null ? null : value.getClass()).as(row.keys().get(i)).isEqualTo(first.get(i) == null ? null
                        : first.get(i).getClass());
            }
        }
    }

    @Test
    void readOnlyExecutionOptionBeginsAReadOnlyTransaction() {
        Mono<Optional<String>> readOnly = this.engine.connect(conn -> conn.executionOptions(ExecutionOptions.builder().readOnly(true)
                        .isolationLevel(IsolationLevel.REPEATABLE_READ).build())
                .flatMap(c -> c.<String>scalar(text("select current_setting('transaction_read_only') || ' ' "
                        + "|| current_setting('transaction_isolation')")))).single();
        StepVerifier.create(readOnly).expectNext(Optional.of("on repeatable read")).verifyComplete();
    }

    @Test
    void usernameAndPasswordFromConfigOverrideTheUrl() {
        String url = TestDatabases.postgres();
        java.util.regex.Matcher credentials = java.util.regex.Pattern.compile("//([^:@/]+):([^@/]*)@").matcher(url);
        org.junit.jupiter.api.Assumptions.assumeTrue(credentials.find(), "the test URL carries its credentials");
        String bare = url.replace(credentials.group(1) + ":" + credentials.group(2) + "@", "wrong:wrong@");
        AsyncEngine configured = AsyncEngine.fromConfig(Map.of("db.url", bare, "db.username", credentials.group(1),
                "db.password", credentials.group(2)), "db.");
        try {
            StepVerifier.create(configured.connect(conn -> conn.<Integer>scalar(text("select 1"))).single())
                    .expectNext(Optional.of(1)).verifyComplete();
        } finally {
            configured.dispose().block();
        }
    }
}
