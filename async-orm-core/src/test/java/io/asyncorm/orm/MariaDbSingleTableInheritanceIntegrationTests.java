package io.asyncorm.orm;

import io.asyncorm.testing.TestDatabases;

/** Single-table inheritance on MariaDb. */
class MariaDbSingleTableInheritanceIntegrationTests extends AbstractSingleTableInheritanceIntegrationTests {

    private final String url = TestDatabases.mariadb();

    @Override
    protected String url() {
        return this.url;
    }
}
