package io.asyncorm.reliability;

import static io.asyncorm.sql.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.asyncorm.engine.AsyncEngine;
import io.asyncorm.engine.EngineOptions;
import io.asyncorm.exception.OperationalError;
import io.asyncorm.exception.PendingRollbackError;
import io.asyncorm.orm.AsyncSession;
import io.asyncorm.orm.AsyncSessionMaker;
import io.asyncorm.reliability.model.Counter;
import io.asyncorm.reliability.model.Entry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * The server ends a backend ({@code pg_terminate_backend}, as an administrator, a failover or an idle-session
 * killer does): during a flush, and while the connection waits idle in the pool.
 */
class PostgresConnectionKillTests extends PostgresFaultSupport {

    @BeforeEach
    void slowEntries() {
        // An entry noted 'slow' takes a minute to insert: the flush is certainly running when the backend is killed.
        this.admin.begin(conn -> conn.execute(text("create or replace function rel_slow() returns trigger language plpgsql as "
                        + "$$ begin if new.note = 'slow' then perform pg_sleep(60); end if; return new; end $$"))
                .then(conn.execute(text("create trigger rel_entry_slow before insert on rel_entry for each row execute function rel_slow()"))))
                .blockLast();
    }

    @ParameterizedTest(name = "pre-ping {0}")
    @ValueSource(booleans = {true, false})
    void aBackendKilledDuringAFlushIsAClearErrorTheSessionRecoversAndNothingIsHalfWritten(boolean prePing) {
        AsyncEngine engine = engine(EngineOptions.builder().poolSize(2).poolPrePing(prePing).build());
        AsyncSessionMaker maker = AsyncSessionMaker.builder(engine, REGISTRY).build();
        maker.begin(session -> {
            session.add(new Counter(1, "hits"));
            return Mono.empty();
        }).blockLast();

        AsyncSession session = maker.create();
        Mono<Void> flush = session.get(Counter.class, 1).doOnNext(Counter::increment)
                .then(Mono.fromRunnable(() -> session.addAll(List.of(new Entry("first"), new Entry("slow")))))
                .then(session.flush());
        StepVerifier.create(flush)
                .then(this::killTheSleepingBackend)
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOf(OperationalError.class)
                        .hasMessageContaining("connection lost")
                        .satisfies(e -> assertThat(((OperationalError) e).isConnectionInvalidated()).isTrue()))
                .verify(Duration.ofSeconds(30));

        // The session says what to do, then is usable again after rollback, on a new connection.
        StepVerifier.create(session.commit()).expectError(PendingRollbackError.class).verify();
        StepVerifier.create(session.rollback()).verifyComplete();
        session.add(new Entry("after"));
        StepVerifier.create(session.commit().then(session.close())).verifyComplete();

        awaitNothingHeld(engine, "the kill");
        assertThat(notes()).containsExactly("after");
        assertThat(number("select total from rel_counter where id = 1")).isZero();
        StepVerifier.create(engine.connect(conn -> conn.<Integer>scalar(text("select 1")))).expectNext(Optional.of(1)).verifyComplete();
    }

    @ParameterizedTest(name = "pre-ping {0}")
    @ValueSource(booleans = {true, false})
    void backendsKilledWhileIdleInThePoolAreReplacedWithoutAnErrorReachingTheCaller(boolean prePing) {
        AsyncEngine engine = engine(EngineOptions.builder().poolSize(2).maxOverflow(0).poolPrePing(prePing).build());
        // Two connections in the pool, then both killed while idle.
        StepVerifier.create(engine.connect(a -> engine.connect(b -> a.scalar(text("select 1")).then(b.scalar(text("select 1"))))))
                .expectNextCount(1).verifyComplete();
        List<Backend> before = backends();
        assertThat(before).hasSize(2);
        this.admin.connect(conn -> conn.execute(text("select pg_terminate_backend(pid) from pg_stat_activity where application_name = :app"),
                Map.of("app", this.app))).blockLast();
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> backends().isEmpty());

        AsyncSessionMaker maker = AsyncSessionMaker.builder(engine, REGISTRY).build();
        StepVerifier.create(maker.begin(session -> {
            session.add(new Counter(7, "after the kill"));
            return Mono.empty();
        })).verifyComplete();
        assertThat(number("select count(*) from rel_counter where id = 7")).isOne();
        assertThat(backends()).extracting(Backend::pid).doesNotContainAnyElementsOf(before.stream().map(Backend::pid).toList());
        awaitNothingHeld(engine, "replacing killed idle connections");
    }

    private void killTheSleepingBackend() {
        Awaitility.await("the flush to reach the slow row").atMost(Duration.ofSeconds(10))
                .until(() -> backends().stream().anyMatch(backend -> backend.waitEvent().equals("PgSleep")));
        this.admin.connect(conn -> conn.execute(text("select pg_terminate_backend(pid) from pg_stat_activity "
                + "where application_name = :app and wait_event = 'PgSleep'"), Map.of("app", this.app))).blockLast();
    }

    private List<String> notes() {
        return this.admin.connect(conn -> conn.<String>scalars(text("select note from rel_entry order by id"))).single().block().all();
    }
}
