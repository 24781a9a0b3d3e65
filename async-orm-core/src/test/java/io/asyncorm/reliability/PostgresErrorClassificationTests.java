package io.asyncorm.reliability;

import static io.asyncorm.sql.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.asyncorm.engine.EngineOptions;
import io.asyncorm.exception.DatabaseError;
import io.asyncorm.exception.NotSupportedError;
import io.asyncorm.testing.EchoCapture;
import io.asyncorm.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

/** Error classification on PostgreSQL, where r2dbc-postgresql raises every unlisted SQLSTATE class as a "resource" error. */
class PostgresErrorClassificationTests extends AbstractErrorClassificationTests {

    @Override
    protected String url() {
        return TestDatabases.postgres("errors");
    }

    @Override
    protected String backendIdQuery() {
        return "select pg_backend_pid()";
    }

    @Override
    protected String runningLike(String marker) {
        return "select count(*) from pg_stat_activity where state = 'active' and pid <> pg_backend_pid() and query like '%" + marker + "%'";
    }

    @Override
    protected String killOwnConnection(long backendId) {
        return "select pg_terminate_backend(" + backendId + ")";
    }

    @Test
    void lockNotAvailableIs55P03() {
        DatabaseError error = whileLocked(conn -> conn.execute(text(lockNoWait())));
        assertThat(error.getSqlState()).isEqualTo("55P03");
    }

    @Test
    void aStoredProcedureRaiseIsAnInternalErrorAndKeepsTheConnection() {
        long before = backendId();
        DatabaseError error = failure(conn -> conn.execute(text("do $$ begin raise exception 'no such customer'; end $$")));
        assertThat(error).isInstanceOf(io.asyncorm.exception.InternalError.class).hasMessageContaining("no such customer");
        assertThat(error.getSqlState()).isEqualTo("P0001");
        assertKept(before);
    }

    @Test
    void aFeatureNotSupportedIsANotSupportedErrorAndKeepsTheConnection() {
        long before = backendId();
        DatabaseError error = failure(conn -> conn.execute(text("create temporary table subquery_check (a integer check (a > (select 1)))")));
        assertThat(error).isInstanceOf(NotSupportedError.class);
        assertThat(error.getSqlState()).isEqualTo("0A000");
        assertKept(before);
    }

    @Test
    void noticesAndWarningsNeverFailAStatementAndAreLogged() {
        this.engine.dispose().block();
        this.engine = io.asyncorm.engine.AsyncEngine.create(url(), EngineOptions.builder().poolSize(1).loggingName("notices").build());
        try (EchoCapture log = new EchoCapture("notices")) {
            // 42P07 arrives as a NOTICE the second time: severity decides, not the SQLSTATE.
            for (int i = 0; i < 2; i++) {
                this.engine.begin(conn -> conn.execute(text("create table if not exists " + this.table + "_n (id integer)"))).blockLast();
            }
            this.engine.connect(conn -> conn.execute(text("do $$ begin raise warning 'careful: %', 42; end $$"))).blockLast();
            this.engine.connect(conn -> conn.execute(text("do $$ begin raise notice 'fyi' using errcode = '22012'; end $$"))).blockLast();
            assertThat(log.lines()).anyMatch(line -> line.contains("[42P07]") && line.contains("already exists"));
            assertThat(log.lines()).anyMatch(line -> line.contains("careful: 42"));
            assertThat(log.lines()).anyMatch(line -> line.contains("[22012]") && line.contains("fyi"));
            assertThat(log.events()).anyMatch(event -> event.getLevel() == Level.WARN && event.getFormattedMessage().contains("careful: 42"));
        } finally {
            this.engine.begin(conn -> conn.execute(text("drop table if exists " + this.table + "_n"))).blockLast();
        }
    }

    @Test
    void aPureReadReadsRowsOnlyItsNoticesAreNotLoggedAndItsRowCountIsItsRows() {
        this.engine.dispose().block();
        this.engine = io.asyncorm.engine.AsyncEngine.create(url(), EngineOptions.builder().poolSize(1).loggingName("pure").build());
        io.asyncorm.engine.ExecutionOptions pureRead = io.asyncorm.engine.ExecutionOptions.builder().pureRead(true).build();
        try (EchoCapture log = new EchoCapture("pure")) {
            java.util.List<io.asyncorm.result.Result> results = this.engine.connect(conn -> conn.execute(text("create function "
                    + "pg_temp.noisy() returns integer language plpgsql as $$ begin raise notice '%', 'noisy' || ' read'; return 7; end $$"))
                    .thenMany(conn.execute(text("select pg_temp.noisy() as n union all select 8"), java.util.List.of(), pureRead))
                    .concatWith(Flux.defer(() -> {
                        assertThat(log.lines()).noneMatch(line -> line.contains("noisy read"));
                        return conn.execute(text("select pg_temp.noisy() as n"));
                    }))).collectList().block();
            io.asyncorm.result.Result read = results.get(0);
            assertThat(read.all()).extracting(row -> row.get("n", Integer.class)).containsExactly(7, 8);
            assertThat(read.rowCount()).isEqualTo(2);
            assertThat(log.lines()).as("the same SELECT, not a pure read").anyMatch(line -> line.contains("noisy read"));
        }
    }
}
