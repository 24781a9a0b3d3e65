package io.asyncorm.orm;

import io.asyncorm.testing.TestDatabases;

/** The ORM scenarios on PostgreSQL. */
class PostgresOrmIntegrationTests extends AbstractOrmIntegrationTests {

    @Override
    protected String url() {
        return TestDatabases.postgres();
    }
}
