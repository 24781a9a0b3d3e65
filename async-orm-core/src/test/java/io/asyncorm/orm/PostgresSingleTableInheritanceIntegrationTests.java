package io.asyncorm.orm;

import io.asyncorm.testing.TestDatabases;

/** Single-table inheritance on Postgres. */
class PostgresSingleTableInheritanceIntegrationTests extends AbstractSingleTableInheritanceIntegrationTests {

    private final String url = TestDatabases.postgres();

    @Override
    protected String url() {
        return this.url;
    }
}
