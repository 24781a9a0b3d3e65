package io.asyncorm.engine;

import io.asyncorm.testing.TestDatabases;

/** The engine scenarios on an in-memory H2 database. */
class H2EngineIntegrationTests extends AbstractEngineIntegrationTests {

    private final String url = TestDatabases.h2();

    @Override
    protected String url() {
        return this.url;
    }
}
