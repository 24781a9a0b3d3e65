package io.asyncorm.orm;

import io.asyncorm.testing.TestDatabases;

/** JOINED inheritance on Postgres. */
class PostgresJoinedInheritanceIntegrationTests extends AbstractJoinedInheritanceIntegrationTests {

    private final String url = TestDatabases.postgres();

    @Override
    protected String url() {
        return this.url;
    }
}
