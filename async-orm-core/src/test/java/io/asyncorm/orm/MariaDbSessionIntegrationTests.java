package io.asyncorm.orm;

import io.asyncorm.testing.TestDatabases;

/** The session lifecycle scenarios on MariaDB. */
class MariaDbSessionIntegrationTests extends AbstractSessionIntegrationTests {

    @Override
    protected String url() {
        return TestDatabases.mariadb();
    }
}
