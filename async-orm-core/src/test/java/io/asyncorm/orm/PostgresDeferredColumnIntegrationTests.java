package io.asyncorm.orm;

import io.asyncorm.testing.TestDatabases;

/** Deferred columns on Postgres. */
class PostgresDeferredColumnIntegrationTests extends AbstractDeferredColumnIntegrationTests {

    private final String url = TestDatabases.postgres();

    @Override
    protected String url() {
        return this.url;
    }
}
