package io.asyncorm.orm;

import io.asyncorm.testing.TestDatabases;

/** runSync on PostgreSQL. */
class PostgresRunSyncIntegrationTests extends AbstractRunSyncIntegrationTests {

    @Override
    protected String url() {
        return TestDatabases.postgres();
    }
}
