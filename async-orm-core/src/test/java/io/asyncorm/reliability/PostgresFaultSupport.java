package io.asyncorm.reliability;

import static io.asyncorm.sql.Sql.text;

import io.asyncorm.engine.AsyncEngine;
import io.asyncorm.engine.EngineOptions;
import io.asyncorm.orm.Registry;
import io.asyncorm.reliability.model.Counter;
import io.asyncorm.reliability.model.Entry;
import io.asyncorm.testing.TestDatabases;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the PostgreSQL fault suites share: a fresh schema per test, engines that report a test-unique
 * application name (so {@code pg_stat_activity} shows exactly their backends), an administrative engine
 * that looks at the server from outside, and the two checks every fault ends with: nothing held by the
 * pool and no transaction left open on the server.
 */
abstract class PostgresFaultSupport {

    static final Registry REGISTRY = Registry.of(Counter.class, Entry.class);

    /** The application name the engines under test report; {@link #backends()} filters on it. */
    protected String app;

    /** Looks at the server from outside (another application name, its own pool). */
    protected AsyncEngine admin;

    private final List<AsyncEngine> engines = new ArrayList<>();

    @BeforeEach
    void schema() {
        this.app = "faults-" + UUID.randomUUID().toString().substring(0, 8);
        this.admin = AsyncEngine.create(TestDatabases.postgres("faults-admin"), EngineOptions.builder().poolSize(2).build());
        this.admin.begin(conn -> REGISTRY.metadata().dropAll(conn, true).then(REGISTRY.metadata().createAll(conn))).blockLast();
    }

    @AfterEach
    void tidy() {
        for (AsyncEngine engine : this.engines) {
            engine.dispose().block(Duration.ofSeconds(30));
        }
        // A failed test may have left a backend holding locks; it must not hang the next test's DROP.
        this.admin.connect(conn -> conn.execute(text("select pg_terminate_backend(pid) from pg_stat_activity where application_name = :app"),
                Map.of("app", this.app))).blockLast();
        this.admin.begin(conn -> REGISTRY.metadata().dropAll(conn, true)).blockLast();
        this.admin.dispose().block();
    }

    /** An engine on the test database under this test's application name; disposed after the test. */
    protected AsyncEngine engine(EngineOptions options) {
        return track(AsyncEngine.create(TestDatabases.postgres(this.app), options));
    }

    /** Disposes the engine after the test. */
    protected AsyncEngine track(AsyncEngine engine) {
        this.engines.add(engine);
        return engine;
    }

    /** A backend of the engines under test, as the server sees it. */
    protected record Backend(int pid, String state, String waitEvent, String query) {
    }

    /** The server's view of this test's backends. */
    protected List<Backend> backends() {
        return this.admin.connect(conn -> conn.execute(text("select pid, coalesce(state, ''), coalesce(wait_event, ''), "
                        + "coalesce(query, '') from pg_stat_activity where application_name = :app order by pid"), Map.of("app", this.app)))
                .single().block().all().stream()
                .map(row -> new Backend(((Number) row.get(0)).intValue(), (String) row.get(1), (String) row.get(2), (String) row.get(3)))
                .toList();
    }

    /**
     * Waits (bounded) until the engine holds no connection, nothing waits for one, and no backend of this test
     * is running a statement or sits in a transaction.
     *
     * @param engine the engine under test
     * @param after what the test did, for the failure message
     * @return how long it took
     */
    protected Duration awaitNothingHeld(AsyncEngine engine, String after) {
        long started = System.nanoTime();
        Awaitility.await("the pool and the server to settle after " + after).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .untilAsserted(() -> {
                    org.assertj.core.api.Assertions.assertThat(engine.poolStatus().acquired()).as("acquired connections").isZero();
                    org.assertj.core.api.Assertions.assertThat(engine.poolStatus().pending()).as("pending acquires").isZero();
                    org.assertj.core.api.Assertions.assertThat(backends()).as("backends of " + this.app)
                            .allSatisfy(backend -> org.assertj.core.api.Assertions.assertThat(backend.state()).isIn("idle", ""));
                });
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** A number the administrative engine reads. */
    protected long number(String sql) {
        return this.admin.connect(conn -> conn.<Number>scalar(text(sql))).single().block().orElseThrow().longValue();
    }
}
