package io.asyncorm.orm;

import io.asyncorm.testing.TestDatabases;

/** The end-to-end schema on MariaDb. */
class MariaDbSchemaEndToEndIntegrationTests extends AbstractSchemaEndToEndIntegrationTests {

    private final String url = TestDatabases.mariadb();

    @Override
    protected String url() {
        return this.url;
    }
}
