package io.asyncorm.sql;

import io.asyncorm.testing.TestDatabases;

/** The Core SQL scenarios on PostgreSQL. */
class PostgresCoreSqlIntegrationTests extends AbstractCoreSqlIntegrationTests {

    @Override
    protected String url() {
        return TestDatabases.postgres();
    }
}
