package io.asyncorm.orm;

import io.asyncorm.testing.TestDatabases;

/** Session and engine events on PostgreSQL. */
class PostgresEventIntegrationTests extends AbstractEventIntegrationTests {

    @Override
    protected String url() {
        return TestDatabases.postgres();
    }
}
