package io.asyncorm.sql;

import io.asyncorm.testing.TestDatabases;

/** The Core SQL scenarios on MariaDB. */
class MariaDbCoreSqlIntegrationTests extends AbstractCoreSqlIntegrationTests {

    @Override
    protected String url() {
        return TestDatabases.mariadb();
    }
}
