package io.asyncorm.orm;

import io.asyncorm.testing.TestDatabases;

/** The end-to-end schema on Postgres. */
class PostgresSchemaEndToEndIntegrationTests extends AbstractSchemaEndToEndIntegrationTests {

    private final String url = TestDatabases.postgres();

    @Override
    protected String url() {
        return this.url;
    }
}
