package io.asyncorm.orm;

import io.asyncorm.testing.TestDatabases;

/** Composite primary keys on Postgres. */
class PostgresCompositeKeyIntegrationTests extends AbstractCompositeKeyIntegrationTests {

    @Override
    protected String url() {
        return TestDatabases.postgres();
    }
}
