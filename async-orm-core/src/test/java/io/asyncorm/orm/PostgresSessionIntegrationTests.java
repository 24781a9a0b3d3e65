package io.asyncorm.orm;

import io.asyncorm.testing.TestDatabases;

/** The session lifecycle scenarios on PostgreSQL. */
class PostgresSessionIntegrationTests extends AbstractSessionIntegrationTests {

    @Override
    protected String url() {
        return TestDatabases.postgres();
    }
}
