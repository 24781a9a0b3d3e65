package io.asyncorm.orm;

import io.asyncorm.testing.TestDatabases;

/** The scoped session on an in-memory H2 database. */
class H2ScopedSessionIntegrationTests extends AbstractScopedSessionIntegrationTests {

    private final String url = TestDatabases.h2();

    @Override
    protected String url() {
        return this.url;
    }
}
