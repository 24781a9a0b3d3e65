package io.asyncorm.orm;

import io.asyncorm.testing.TestDatabases;

/** Deferred columns on H2. */
class H2DeferredColumnIntegrationTests extends AbstractDeferredColumnIntegrationTests {

    private final String url = TestDatabases.h2();

    @Override
    protected String url() {
        return this.url;
    }
}
