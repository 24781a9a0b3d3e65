package io.asyncorm.orm;

import io.asyncorm.testing.TestDatabases;

/** runSync on an in-memory H2 database. */
class H2RunSyncIntegrationTests extends AbstractRunSyncIntegrationTests {

    private final String url = TestDatabases.h2();

    @Override
    protected String url() {
        return this.url;
    }
}
