package io.asyncorm.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import java.util.function.Supplier;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.mariadb.MariaDBContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The one place that decides which databases the integration tests use. Tests ask for a URL and do
 * not care where it comes from.
 *
 * <p>PostgreSQL, in order: {@code ASYNC_ORM_TEST_POSTGRES_URL} when set; a Testcontainers container
 * when a Docker engine answers; else the local server at 127.0.0.1:5432 with the role and database
 * that {@code .ci/run} creates ({@value #LOCAL_POSTGRES}). When none is reachable the PostgreSQL tests
 * are skipped, except under {@code CI=true}, where they fail.
 *
 * <p>MariaDB is chosen the same way ({@code ASYNC_ORM_TEST_MARIADB_URL}, Testcontainers, then the
 * local server at 127.0.0.1:3306). H2: a fresh in-memory database per call.
 */
public final class TestDatabases {

    /** The local fallback, created by {@code .ci/run}. */
    public static final String LOCAL_POSTGRES = "r2dbc:postgresql://asyncorm:asyncorm@127.0.0.1:5432/asyncorm_test";

    /** The local MariaDB fallback, created by {@code .ci/run}. */
    public static final String LOCAL_MARIADB = "r2dbc:mariadb://asyncorm:asyncorm@127.0.0.1:3306/asyncorm_test";

    private static final AtomicInteger H2_COUNTER = new AtomicInteger();

    private static String postgres;

    private static String mariadb;

    private TestDatabases() {
    }

    /**
     * A new, empty in-memory H2 database that lives as long as the JVM.
     *
     * @return its R2DBC URL
     */
    public static String h2() {
        return "r2dbc:h2:mem:///asyncorm" + H2_COUNTER.incrementAndGet() + "?options=DB_CLOSE_DELAY=-1";
    }

    /**
     * The PostgreSQL database for this test run.
     *
     * @return its R2DBC URL
     */
    public static synchronized String postgres() {
        if (postgres == null) {
            postgres = choosePostgres();
        }
        return postgres;
    }

    /**
     * The PostgreSQL URL with an application name, so a test can find its own backends in
     * {@code pg_stat_activity}.
     *
     * @param applicationName the name to report to the server
     * @return the URL
     */
    public static String postgres(String applicationName) {
        String base = postgres();
        return base + (base.contains("?") ? "&" : "?") + "applicationName="
                + URLEncoder.encode(applicationName, StandardCharsets.UTF_8);
    }

    /**
     * The MariaDB database for this test run, chosen like PostgreSQL's ({@code ASYNC_ORM_TEST_MARIADB_URL},
     * Testcontainers, else the local server at 127.0.0.1:3306 with the user {@code .ci/run} creates).
     *
     * @return its R2DBC URL
     */
    public static synchronized String mariadb() {
        if (mariadb == null) {
            mariadb = choose("MariaDB", "ASYNC_ORM_TEST_MARIADB_URL", 3306, LOCAL_MARIADB, () -> {
                MariaDBContainer container = new MariaDBContainer("mariadb:10.11");
                container.start();
                return "r2dbc:mariadb://" + container.getUsername() + ":" + container.getPassword() + "@"
                        + container.getHost() + ":" + container.getMappedPort(3306) + "/" + container.getDatabaseName();
            });
        }
        return mariadb;
    }

    /**
     * A second PostgreSQL database for the sharding tests: {@code ASYNC_ORM_TEST_POSTGRES_SHARD_URL}, else
     * {@code asyncorm_shard2} on the local server (created by {@code .ci/postgres}).
     *
     * @return its R2DBC URL
     */
    public static String postgresShard() {
        String configured = System.getenv("ASYNC_ORM_TEST_POSTGRES_SHARD_URL");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        if (postgres().equals(LOCAL_POSTGRES)) {
            return LOCAL_POSTGRES.replace("/asyncorm_test", "/asyncorm_shard2");
        }
        String message = "No second PostgreSQL database for the sharding tests: set ASYNC_ORM_TEST_POSTGRES_SHARD_URL";
        if ("true".equals(System.getenv("CI"))) {
            throw new IllegalStateException(message);
        }
        Assumptions.abort(message);
        return message;
    }

    /** The local hot standby that {@code .ci/standby} makes of the local primary. */
    public static final String LOCAL_STANDBY = "r2dbc:postgresql://asyncorm:asyncorm@127.0.0.1:5433/asyncorm_test";

    /**
     * A PostgreSQL hot standby of {@link #postgres()} for the replica tests: {@code ASYNC_ORM_TEST_STANDBY_URL}, else the
     * local one {@code .ci/standby} starts on 127.0.0.1:5433. Missing, the test fails with {@code CI=true} and is skipped
     * with the reason elsewhere (there is no container fallback: a standby needs its primary).
     *
     * @return its R2DBC URL
     */
    public static String standby() {
        String configured = System.getenv("ASYNC_ORM_TEST_STANDBY_URL");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        if (postgres().equals(LOCAL_POSTGRES) && reachable("127.0.0.1", 5433)) {
            return LOCAL_STANDBY;
        }
        String message = "No PostgreSQL standby for the replica tests: set ASYNC_ORM_TEST_STANDBY_URL, or run .ci/standby "
                + "(a hot standby of the local primary on port 5433)";
        if ("true".equals(System.getenv("CI"))) {
            throw new IllegalStateException(message);
        }
        Assumptions.abort(message);
        return message;
    }

    private static String choosePostgres() {
        return choose("PostgreSQL", "ASYNC_ORM_TEST_POSTGRES_URL", 5432, LOCAL_POSTGRES, () -> {
            PostgreSQLContainer container = new PostgreSQLContainer("postgres:16-alpine");
            container.start();
            return "r2dbc:postgresql://" + container.getUsername() + ":" + container.getPassword() + "@"
                    + container.getHost() + ":" + container.getMappedPort(5432) + "/" + container.getDatabaseName();
        });
    }

    private static String choose(String database, String variable, int port, String local, Supplier<String> container) {
        String configured = System.getenv(variable);
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        boolean ci = "true".equals(System.getenv("CI"));
        if (!ci && dockerAvailable()) {
            return container.get();
        }
        if (reachable("127.0.0.1", port)) {
            return local;
        }
        String message = "No " + database + " for the integration tests: set " + variable + ", start Docker, "
                + "or run .ci/run (it starts a local server and creates the asyncorm user and database).";
        if (ci) {
            throw new IllegalStateException(message);
        }
        Assumptions.abort(message);
        return message;
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static boolean reachable(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
