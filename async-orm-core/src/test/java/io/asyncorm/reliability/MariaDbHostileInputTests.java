package io.asyncorm.reliability;

import io.asyncorm.testing.TestDatabases;

/** The hostile-input scenarios on MariaDB. */
class MariaDbHostileInputTests extends AbstractHostileInputTests {

    @Override
    protected String url() {
        return TestDatabases.mariadb();
    }

    @Override
    protected boolean textTakesNul() {
        return true;
    }
}
