package io.asyncorm.orm;

import io.asyncorm.testing.TestDatabases;

/** JPA lifecycle callbacks on Postgres. */
class PostgresLifecycleCallbackIntegrationTests extends AbstractLifecycleCallbackIntegrationTests {

    @Override
    protected String url() {
        return TestDatabases.postgres();
    }
}
