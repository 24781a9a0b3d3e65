package io.asyncorm.orm;

import io.asyncorm.testing.TestDatabases;

/** JOINED inheritance on MariaDb. */
class MariaDbJoinedInheritanceIntegrationTests extends AbstractJoinedInheritanceIntegrationTests {

    private final String url = TestDatabases.mariadb();

    @Override
    protected String url() {
        return this.url;
    }
}
