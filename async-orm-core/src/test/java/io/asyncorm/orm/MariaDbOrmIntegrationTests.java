package io.asyncorm.orm;

import io.asyncorm.testing.TestDatabases;

/** The ORM scenarios on MariaDB. */
class MariaDbOrmIntegrationTests extends AbstractOrmIntegrationTests {

    @Override
    protected String url() {
        return TestDatabases.mariadb();
    }
}
