package io.asyncorm.orm;

import io.asyncorm.testing.TestDatabases;

/** Unique values moving between rows in one flush, on Postgres. */
class PostgresFlushOrderIntegrationTests extends AbstractFlushOrderIntegrationTests {

    @Override
    protected String url() {
        return TestDatabases.postgres();
    }
}
