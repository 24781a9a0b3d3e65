package io.asyncorm.orm;

import static io.asyncorm.orm.Orm.select;
import static org.assertj.core.api.Assertions.assertThat;

import io.asyncorm.engine.AsyncEngine;
import io.asyncorm.engine.EngineOptions;
import io.asyncorm.orm.replica.Item;
import io.asyncorm.sql.Select;
import io.asyncorm.sql.Sql;
import io.asyncorm.testing.TestDatabases;
import java.time.Duration;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * {@link ReplicaRouting} against a real PostgreSQL hot standby of the primary ({@code .ci/standby}): which server
 * answers each kind of statement, a standby whose replay is paused (lag) skipped and taken back, and the rules
 * read-your-writes rests on.
 */
class PostgresReplicaRoutingIntegrationTests {

    private static final Registry REGISTRY = Registry.of(Item.class);

    /** A one-row table, so a Core query (a read) can ask the server something. */
    private static final io.asyncorm.sql.Table ONE = new io.asyncorm.sql.MetaData().table("orm_replica_one",
            io.asyncorm.sql.Column.of("x", io.asyncorm.sql.SqlTypes.INTEGER));

    /** Answers true on a standby, false on the primary: which server ran a read. */
    private static final Select WHO = Sql.select(Sql.func.call("pg_is_in_recovery", Boolean.class)).selectFrom(ONE);

    private static AsyncEngine primary;

    private static AsyncEngine standby;

    private ReplicaRouting routing;

    private AsyncSessionMaker maker;

    @BeforeAll
    static void createTable() {
        standby = AsyncEngine.create(TestDatabases.standby(), EngineOptions.builder().poolSize(2).build());
        primary = AsyncEngine.create(TestDatabases.postgres(), EngineOptions.builder().poolSize(2).build());
        primary.begin(conn -> REGISTRY.metadata().dropAll(conn, true).then(REGISTRY.metadata().createAll(conn))
                .then(conn.execute(Sql.text("drop table if exists orm_replica_one")))
                .then(conn.execute(Sql.text("create table orm_replica_one (x integer)")))
                .then(conn.execute(Sql.text("insert into orm_replica_one values (1)")))).blockLast();
        awaitReplayed();
    }

    @AfterAll
    static void dropTable() {
        primary.begin(conn -> REGISTRY.metadata().dropAll(conn, true).then(conn.execute(Sql.text("drop table orm_replica_one"))))
                .blockLast();
        Mono.when(primary.dispose(), standby.dispose()).block();
    }

    @BeforeEach
    void setUp() {
        this.routing = ReplicaRouting.builder(primary).replicas(standby).maxLag(Duration.ofMillis(500)).build();
        this.maker = AsyncSessionMaker.builder(primary, REGISTRY).bindResolver(this.routing).expireOnCommit(false).build();
    }

    @AfterEach
    void cleanUp() {
        standby.connect(conn -> conn.execute(Sql.text("select pg_wal_replay_resume()"))).blockLast();
        primary.begin(conn -> conn.execute(Sql.text("delete from orm_replica_item"))).blockLast();
        awaitReplayed();
    }

    @Test
    void readsGoToTheStandbyWritesAndTheTransactionAfterThemToThePrimary() {
        StepVerifier.create(this.maker.use(session -> session.<Boolean>scalar(WHO)
                .flatMap(first -> {
                    session.add(new Item(1, "written"));
                    return session.flush().then(session.<Boolean>scalar(WHO)).map(after -> first.orElseThrow() + " " + after.orElseThrow());
                })
                .flatMap(seen -> session.commit().then(session.<Boolean>scalar(WHO)).map(next -> seen + " " + next.orElseThrow()))))
                .expectNext("true false true").verifyComplete();
    }

    /** With read-your-writes, the session that committed reads from the primary for the window, then from the standby. */
    @Test
    void readYourWritesKeepsTheCommittingSessionOnThePrimaryForItsWindow() {
        ReplicaRouting withWindow = ReplicaRouting.builder(primary).replicas(standby).readYourWrites(Duration.ofMillis(300)).build();
        AsyncSessionMaker sessions = AsyncSessionMaker.builder(primary, REGISTRY).bindResolver(withWindow).expireOnCommit(false).build();
        AsyncSession session = sessions.create();
        StepVerifier.create(session.<Boolean>scalar(WHO)).expectNext(Optional.of(true)).verifyComplete();
        session.add(new Item(4, "mine"));
        StepVerifier.create(session.commit().then(session.list(select(Item.class))).zipWhen(items -> session.<Boolean>scalar(WHO)))
                .assertNext(seen -> {
                    assertThat(seen.getT1()).extracting(Item::getName).containsExactly("mine");
                    assertThat(seen.getT2()).as("read on the primary after the commit").contains(false);
                }).verifyComplete();
        StepVerifier.create(session.rollback()).verifyComplete();
        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> StepVerifier.create(
                session.<Boolean>scalar(WHO).flatMap(who -> session.rollback().thenReturn(who)))
                .expectNext(Optional.of(true)).verifyComplete());
        StepVerifier.create(sessions.use(other -> other.<Boolean>scalar(WHO))).as("another session was never on the primary")
                .expectNext(Optional.of(true)).verifyComplete();
        StepVerifier.create(session.close()).verifyComplete();
    }

    @Test
    void aLockingReadGoesToThePrimary() {
        primary.begin(conn -> conn.execute(Sql.text("insert into orm_replica_item (id, name) values (1, 'locked')"))).blockLast();
        awaitReplayed();
        StepVerifier.create(this.maker.use(session -> session.list(select(Item.class).forUpdate(Select.Lock.WAIT))
                .then(session.<Boolean>scalar(WHO))))
                .as("the lock began the transaction on the primary, so the next read stays there")
                .expectNext(Optional.of(false)).verifyComplete();
    }

    @Test
    void aLaggingStandbyIsSkippedUntilItCatchesUp() {
        standby.connect(conn -> conn.execute(Sql.text("select pg_wal_replay_pause()"))).blockLast();
        primary.begin(conn -> conn.execute(Sql.text("insert into orm_replica_item (id, name) values (2, 'fresh')"))).blockLast();
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            this.routing.checkHealth().block();
            assertThat(this.routing.usableReplicas()).as("lagging beyond 500 ms").isEmpty();
        });
        StepVerifier.create(this.maker.use(session -> session.list(select(Item.class)).zipWhen(items -> session.<Boolean>scalar(WHO))))
                .assertNext(seen -> {
                    assertThat(seen.getT1()).extracting(Item::getName).containsExactly("fresh");
                    assertThat(seen.getT2()).contains(false);
                }).verifyComplete();
        standby.connect(conn -> conn.execute(Sql.text("select pg_wal_replay_resume()"))).blockLast();
        awaitReplayed();
        this.routing.checkHealth().block();
        assertThat(this.routing.usableReplicas()).containsExactly(standby);
        StepVerifier.create(this.maker.use(session -> session.<Boolean>scalar(WHO))).expectNext(Optional.of(true)).verifyComplete();
    }

    @Test
    void aStoppedStandbyIsSkippedAndTakenBackWhenItReturns() {
        org.junit.jupiter.api.Assumptions.assumeTrue(TestDatabases.standby().equals(TestDatabases.LOCAL_STANDBY)
                && "root".equals(System.getProperty("user.name")), "stopping the standby needs the local one of .ci/standby, as root");
        StepVerifier.create(this.maker.use(session -> session.<Boolean>scalar(WHO))).expectNext(Optional.of(true)).verifyComplete();
        standbyCluster("stop", "-m", "fast");
        try {
            // Before any health check: the read's checkout from the standby fails, and the primary answers instead.
            StepVerifier.create(this.maker.use(session -> session.<Boolean>scalar(WHO))).as("served by the primary, no error")
                    .expectNext(Optional.of(false)).verifyComplete();
            assertThat(this.routing.usableReplicas()).as("marked down by the failed checkout").isEmpty();
            this.routing.checkHealth().block();
            assertThat(this.routing.usableReplicas()).isEmpty();
        } finally {
            standbyCluster("start");
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            this.routing.checkHealth().block();
            assertThat(this.routing.usableReplicas()).containsExactly(standby);
        });
        StepVerifier.create(this.maker.use(session -> session.<Boolean>scalar(WHO))).expectNext(Optional.of(true)).verifyComplete();
    }

    /** A resolver of your own that sends a write to the standby gets PostgreSQL's refusal, as an error; nothing is retried. */
    @Test
    void aWriteThatReachesTheStandbyIsAClearError() {
        AsyncSessionMaker wrong = AsyncSessionMaker.builder(primary, REGISTRY).bindResolver(context -> standby).build();
        StepVerifier.create(wrong.begin(session -> {
            session.add(new Item(3, "lost"));
            return Mono.empty();
        })).verifyErrorSatisfies(error -> assertThat(error).isInstanceOf(io.asyncorm.exception.DatabaseError.class)
                .hasMessageContaining("read-only transaction"));
        StepVerifier.create(primary.connect(conn -> conn.<Number>scalar(Sql.text("select count(*) from orm_replica_item"))))
                .assertNext(count -> assertThat(count.orElseThrow().longValue()).isZero()).verifyComplete();
    }

    private static void standbyCluster(String... action) {
        String[] versions = new java.io.File("/etc/postgresql").list();
        java.util.Arrays.sort(versions);
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("pg_ctlcluster", "--skip-systemctl-redirect",
                versions[versions.length - 1], "standby"));
        command.addAll(java.util.List.of(action));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            assertThat(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).as(command + " finished").isTrue();
            assertThat(process.exitValue()).as(command + " exit code").isZero();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the standby has replayed everything the primary has written so far. */
    private static void awaitReplayed() {
        String lsn = primary.connect(conn -> conn.<String>scalar(Sql.text("select pg_current_wal_lsn()::text"))).blockLast().orElseThrow();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> standby.connect(conn -> conn.<Boolean>scalar(
                Sql.text("select pg_last_wal_replay_lsn() >= cast(:lsn as pg_lsn)"), java.util.Map.of("lsn", lsn))).blockLast()
                .orElse(false));
    }
}
