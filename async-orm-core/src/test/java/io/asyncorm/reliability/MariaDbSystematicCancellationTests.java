package io.asyncorm.reliability;

import io.asyncorm.testing.TestDatabases;
import java.util.List;

/** The systematic cancellation suite on MariaDB, with operations cancelled while they wait on a row lock. */
class MariaDbSystematicCancellationTests extends AbstractSystematicCancellationTests {

    @Override
    protected String url() {
        return TestDatabases.mariadb();
    }

    @Override
    protected boolean serverHoldsSomething() {
        return count("select count(*) from information_schema.innodb_trx where trx_mysql_thread_id <> connection_id()") > 0;
    }

    @Override
    protected List<String> lockEverything() {
        return List.of("select * from rel_counter where id = 1 for update");
    }
}
