package io.asyncorm.reliability;

import io.asyncorm.testing.TestDatabases;

/** The misuse scenarios on PostgreSQL. */
class PostgresMisuseTests extends AbstractMisuseTests {

    @Override
    protected String url() {
        return TestDatabases.postgres();
    }
}
