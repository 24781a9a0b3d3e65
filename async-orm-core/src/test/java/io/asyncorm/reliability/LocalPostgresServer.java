package io.asyncorm.reliability;

import io.asyncorm.testing.TestDatabases;
import java.io.File;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Stops and starts the local PostgreSQL cluster that {@code .ci/run} brings up (Debian's {@code pg_ctlcluster}), for
 * the restart tests. They run only against that server and only where this process may control it (CI runs as
 * root); elsewhere they are skipped with the reason.
 */
final class LocalPostgresServer {

    private final String version;

    private LocalPostgresServer(String version) {
        this.version = version;
    }

    /** The local cluster, or the test is skipped (aborted) with why it cannot be restarted here. */
    static LocalPostgresServer orSkip() {
        Assumptions.assumeTrue(TestDatabases.postgres().equals(TestDatabases.LOCAL_POSTGRES),
                "restart tests need the local PostgreSQL of .ci/run, not " + TestDatabases.postgres().replaceAll(":[^:@/]*@", ":***@"));
        String[] versions = new File("/etc/postgresql").list();
        Assumptions.assumeTrue(versions != null && versions.length > 0 && new File("/usr/bin/pg_ctlcluster").canExecute(),
                "restart tests need Debian's pg_ctlcluster and a cluster under /etc/postgresql");
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "restart tests must run as root to control the cluster");
        Arrays.sort(versions);
        return new LocalPostgresServer(versions[versions.length - 1]);
    }

    /** Stops the server at once: clients are disconnected (SQLSTATE 57P01), new connections are refused. */
    void stop() {
        run("stop", "-m", "fast");
    }

    /** Starts the server and returns once it accepts connections. */
    void start() {
        run("start");
    }

    /** Starts the server unless it is running. */
    void ensureRunning() {
        if (exitCode("status") != 0) {
            start();
        }
    }

    private void run(String... action) {
        int exit = exitCode(action);
        if (exit != 0) {
            throw new IllegalStateException(String.join(" ", action) + " of cluster " + this.version + "/main failed (" + exit + ")");
        }
    }

    private int exitCode(String... action) {
        List<String> command = new java.util.ArrayList<>(List.of("pg_ctlcluster", "--skip-systemctl-redirect", this.version, "main"));
        command.addAll(List.of(action));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " did not finish within 60 s");
            }
            return process.exitValue();
        } catch (IOException e) {
            throw new IllegalStateException("could not run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }
}
