package io.asyncorm.orm;

import io.asyncorm.testing.TestDatabases;

/** The session lifecycle scenarios on an in-memory H2 database. */
class H2SessionIntegrationTests extends AbstractSessionIntegrationTests {

    private final String url = TestDatabases.h2();

    @Override
    protected String url() {
        return this.url;
    }
}
