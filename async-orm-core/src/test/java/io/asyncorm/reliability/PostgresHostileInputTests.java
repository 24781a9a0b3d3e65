package io.asyncorm.reliability;

import io.asyncorm.testing.TestDatabases;

/** The hostile-input scenarios on PostgreSQL. */
class PostgresHostileInputTests extends AbstractHostileInputTests {

    @Override
    protected String url() {
        return TestDatabases.postgres();
    }

    @Override
    protected boolean textTakesNul() {
        return false;
    }
}
