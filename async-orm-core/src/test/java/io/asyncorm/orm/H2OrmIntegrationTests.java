package io.asyncorm.orm;

import io.asyncorm.testing.TestDatabases;

/** The ORM scenarios on an in-memory H2 database. */
class H2OrmIntegrationTests extends AbstractOrmIntegrationTests {

    private final String url = TestDatabases.h2();

    @Override
    protected String url() {
        return this.url;
    }
}
