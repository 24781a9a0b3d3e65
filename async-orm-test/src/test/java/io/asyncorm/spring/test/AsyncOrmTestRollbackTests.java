package io.asyncorm.spring.test;

import static io.asyncorm.orm.Orm.select;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.asyncorm.exception.IntegrityError;
import io.asyncorm.orm.AsyncSessionMaker;
import io.asyncorm.spring.test.app.Member;
import io.asyncorm.spring.test.app.MemberService;
import io.asyncorm.testing.TestDatabases;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.context.annotation.FilterType;
import org.springframework.test.annotation.Commit;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * {@link AsyncOrmTest} runs each test method in a transaction rolled back afterwards. Each case runs a scenario class
 * (a real {@code @AsyncOrmTest}) through the JUnit launcher, then looks at the database from outside: a test that
 * commits through a {@code @Transactional} service and then fails leaves nothing, and the next test inserting the same
 * unique row passes. Over Spring Boot's pool on H2 and PostgreSQL, the engine's own URL on PostgreSQL, and the
 * embedded default.
 */
class AsyncOrmTestRollbackTests {

    static final String H2 = "r2dbc:h2:mem:///aot_rollback?options=DB_CLOSE_DELAY=-1";

    static final String POSTGRES_APPLICATION = "aot-rollback";

    @BeforeAll
    static void startClean() {
        execute(TestDatabases.postgres(), "DROP TABLE IF EXISTS aot_member");
    }

    @Test
    void overBootsPoolOnH2() {
        assertRolledBack(H2BootScenario.class, H2);
    }

    @Test
    void overBootsPoolOnPostgres() {
        assertRolledBack(PostgresBootScenario.class, TestDatabases.postgres());
        assertThat(idleInTransaction()).isZero();
    }

    @Test
    void overTheEnginesUrlOnPostgres() {
        assertRolledBack(PostgresUrlScenario.class, TestDatabases.postgres());
        assertThat(idleInTransaction()).isZero();
    }

    @Test
    void onTheEmbeddedDefault() {
        TestExecutionSummary summary = run(EmbeddedScenario.class);
        assertOnlyThePurposefulFailure(summary);
    }

    @Test
    void commitOptsOut() {
        TestExecutionSummary summary = run(CommitScenario.class);
        assertThat(summary.getTestsSucceededCount()).isEqualTo(1);
        assertThat(summary.getTestsFailedCount()).isZero();
        assertThat(count(H2)).isEqualTo(1);
        execute(H2, "DELETE FROM aot_member");
    }

    private static void assertRolledBack(Class<?> scenario, String url) {
        TestExecutionSummary summary = run(scenario);
        assertOnlyThePurposefulFailure(summary);
        assertThat(count(url)).as("rows left after the scenario").isZero();
    }

    private static void assertOnlyThePurposefulFailure(TestExecutionSummary summary) {
        assertThat(summary.getFailures()).singleElement()
                .satisfies(failure -> assertThat(failure.getException()).hasMessageContaining("on purpose"));
        assertThat(summary.getTestsSucceededCount()).isEqualTo(4);
    }

    private static TestExecutionSummary run(Class<?> scenario) {
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(scenario)).build(),
                listener);
        return listener.getSummary();
    }

    private static long count(String url) {
        return query(url, "SELECT count(*) FROM aot_member");
    }

    private static long idleInTransaction() {
        return query(TestDatabases.postgres(), "SELECT count(*) FROM pg_stat_activity WHERE application_name = '"
                + POSTGRES_APPLICATION + "' AND state LIKE 'idle in transaction%'");
    }

    private static long query(String url, String sql) {
        return Mono.usingWhen(ConnectionFactories.get(url).create(),
                connection -> Flux.from(connection.createStatement(sql).execute())
                        .concatMap(result -> result.map(row -> ((Number) row.get(0)).longValue())).next(),
                Connection::close).block(Duration.ofSeconds(30));
    }

    private static void execute(String url, String sql) {
        Mono.usingWhen(ConnectionFactories.get(url).create(),
                connection -> Flux.from(connection.createStatement(sql).execute()).concatMap(result -> result.getRowsUpdated()).then(),
                Connection::close).block(Duration.ofSeconds(30));
    }

    /** The tests every scenario runs, in name order. */
    @AsyncOrmTest(includeFilters = @Filter(type = FilterType.ASSIGNABLE_TYPE, classes = MemberService.class),
            properties = "async-orm.schema.mode=create")
    @TestMethodOrder(MethodOrderer.MethodName.class)
    abstract static class Scenario {

        @Autowired
        MemberService members;

        @Autowired
        AsyncSessionMaker sessions;

        @Test
        void a_commitsThroughTheServiceThenFails() {
            StepVerifier.create(this.members.join("ada@example.org")).expectNextCount(1).verifyComplete();
            // DatabaseClient, outside the session, sees what the service committed: the same connection.
            StepVerifier.create(this.members.count()).expectNext(1L).verifyComplete();
            throw new AssertionError("this test fails on purpose, after its service committed");
        }

        @Test
        void b_insertsTheSameUniqueRowAgain() {
            StepVerifier.create(this.sessions.begin(session -> {
                session.add(new Member("ada@example.org"));
                return session.flush();
            })).verifyComplete();
            StepVerifier.create(this.members.count()).expectNext(1L).verifyComplete();
        }

        @Test
        void c_aServiceThatFailsRollsBackOnlyItsOwnWork() {
            StepVerifier.create(this.members.join("ada@example.org")).expectNextCount(1).verifyComplete();
            StepVerifier.create(this.members.joinThenFail("bob@example.org"))
                    .expectErrorMessage("failed after writing bob@example.org").verify();
            StepVerifier.create(this.sessions.use(session -> session.list(select(Member.class))))
                    .assertNext(all -> assertThat(all).extracting(Member::getEmail).containsExactly("ada@example.org"))
                    .verifyComplete();
        }

        @Test
        void d_aConstraintViolationInsideTheTestLeavesItsTransactionUsable() {
            StepVerifier.create(this.members.join("ada@example.org")).expectNextCount(1).verifyComplete();
            // On PostgreSQL an error aborts the whole transaction unless it happened inside a savepoint: the session's
            // transaction is one, so the test goes on.
            StepVerifier.create(this.sessions.begin(session -> {
                session.add(new Member("ada@example.org"));
                return session.flush();
            })).expectError(IntegrityError.class).verify();
            StepVerifier.create(this.members.join("bob@example.org")).expectNextCount(1).verifyComplete();
            StepVerifier.create(this.members.count()).expectNext(2L).verifyComplete();
        }

        @Test
        void e_aStatementThatFailsOutsideAnyTransactionLeavesTheTestUsable() {
            StepVerifier.create(this.members.insertWithoutTransaction("ada@example.org")).expectNext(1L).verifyComplete();
            // On PostgreSQL this error would abort the test's transaction, were the statement not in a savepoint of its own.
            StepVerifier.create(this.members.insertWithoutTransaction("ada@example.org"))
                    .expectError(org.springframework.dao.DataIntegrityViolationException.class).verify();
            StepVerifier.create(this.members.count()).expectNext(1L).verifyComplete();
        }
    }

    /** Spring Boot's pool on a named in-memory H2 database. */
    static class H2BootScenario extends Scenario {

        @DynamicPropertySource
        static void database(DynamicPropertyRegistry registry) {
            registry.add("spring.r2dbc.url", () -> H2);
        }
    }

    /** Spring Boot's pool on PostgreSQL. */
    static class PostgresBootScenario extends Scenario {

        @DynamicPropertySource
        static void database(DynamicPropertyRegistry registry) {
            registry.add("spring.r2dbc.url", () -> TestDatabases.postgres(POSTGRES_APPLICATION));
        }
    }

    /** The engine's own factory from {@code async-orm.engine.url} on PostgreSQL. */
    static class PostgresUrlScenario extends Scenario {

        @DynamicPropertySource
        static void database(DynamicPropertyRegistry registry) {
            registry.add("async-orm.engine.url", () -> TestDatabases.postgres(POSTGRES_APPLICATION));
        }
    }

    /** No database configured: Spring Boot's embedded H2. */
    static class EmbeddedScenario extends Scenario {
    }

    /** {@code @Commit}: the test writes for real. */
    @AsyncOrmTest(includeFilters = @Filter(type = FilterType.ASSIGNABLE_TYPE, classes = MemberService.class),
            properties = "async-orm.schema.mode=create")
    static class CommitScenario {

        @Autowired
        MemberService members;

        @DynamicPropertySource
        static void database(DynamicPropertyRegistry registry) {
            registry.add("spring.r2dbc.url", () -> H2);
        }

        @Test
        @Commit
        void keepsItsRow() {
            StepVerifier.create(this.members.join("kept@example.org")).expectNextCount(1).verifyComplete();
        }
    }
}
