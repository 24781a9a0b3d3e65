package io.asyncorm.reliability;

import static io.asyncorm.sql.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.asyncorm.exception.DatabaseError;
import io.asyncorm.testing.TestDatabases;
import org.junit.jupiter.api.Test;

/** Error classification on MariaDB, whose errors carry vendor codes (1792, 1205, 1644, 1927) beside SQLSTATE. */
class MariaDbErrorClassificationTests extends AbstractErrorClassificationTests {

    @Override
    protected String url() {
        return TestDatabases.mariadb();
    }

    @Override
    protected String backendIdQuery() {
        return "select connection_id()";
    }

    @Override
    protected String runningLike(String marker) {
        return "select count(*) from information_schema.processlist where id <> connection_id() and info like '%" + marker + "%'";
    }

    @Override
    protected String killOwnConnection(long backendId) {
        return "kill connection " + backendId;
    }

    @Test
    void notesAndWarningsNeverFailAStatement() {
        for (int i = 0; i < 2; i++) {
            // The second time MariaDB answers with note 1050 ("already exists"); dropping a missing table with note 1051.
            this.engine.connect(conn -> conn.execute(text("create table if not exists " + this.table + "_n (id integer)"))).blockLast();
        }
        this.engine.connect(conn -> conn.execute(text("drop table if exists " + this.table + "_n"))).blockLast();
        this.engine.connect(conn -> conn.execute(text("drop table if exists " + this.table + "_n"))).blockLast();
        this.engine.connect(conn -> conn.execute(text("select cast('12abc' as integer)"))).blockLast();
    }

    @Test
    void aSignalledErrorIsOrdinaryAndKeepsTheConnection() {
        long before = backendId();
        DatabaseError error = failure(conn -> conn.execute(text("signal sqlstate '45000' set message_text = 'no such customer'")));
        assertThat(error).hasMessageContaining("no such customer");
        assertThat(error.getSqlState()).isEqualTo("45000");
        assertOrdinary(error);
        assertKept(before);
    }
}
