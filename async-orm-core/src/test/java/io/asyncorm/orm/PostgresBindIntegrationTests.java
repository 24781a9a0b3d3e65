package io.asyncorm.orm;

import io.asyncorm.testing.TestDatabases;

/** Bind routing on PostgreSQL. */
class PostgresBindIntegrationTests extends AbstractBindIntegrationTests {

    @Override
    protected String url() {
        return TestDatabases.postgres();
    }
}
