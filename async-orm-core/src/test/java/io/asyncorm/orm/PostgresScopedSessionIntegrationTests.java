package io.asyncorm.orm;

import io.asyncorm.testing.TestDatabases;

/** The scoped session on PostgreSQL. */
class PostgresScopedSessionIntegrationTests extends AbstractScopedSessionIntegrationTests {

    @Override
    protected String url() {
        return TestDatabases.postgres();
    }
}
