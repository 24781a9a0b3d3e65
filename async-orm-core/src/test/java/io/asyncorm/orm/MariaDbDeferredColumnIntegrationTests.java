package io.asyncorm.orm;

import io.asyncorm.testing.TestDatabases;

/** Deferred columns on MariaDb. */
class MariaDbDeferredColumnIntegrationTests extends AbstractDeferredColumnIntegrationTests {

    private final String url = TestDatabases.mariadb();

    @Override
    protected String url() {
        return this.url;
    }
}
