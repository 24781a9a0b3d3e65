package io.asyncorm.orm;

import io.asyncorm.testing.TestDatabases;

/** Bind routing on an in-memory H2 database. */
class H2BindIntegrationTests extends AbstractBindIntegrationTests {

    private final String url = TestDatabases.h2();

    @Override
    protected String url() {
        return this.url;
    }
}
