package io.asyncorm.orm;

import io.asyncorm.testing.TestDatabases;

/** Session and engine events on an in-memory H2 database. */
class H2EventIntegrationTests extends AbstractEventIntegrationTests {

    private final String url = TestDatabases.h2();

    @Override
    protected String url() {
        return this.url;
    }
}
