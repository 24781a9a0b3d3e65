package io.asyncorm.spring.data;

import io.asyncorm.testing.TestDatabases;

/** Paging on Postgres. */
class PostgresPagingIntegrationTests extends AbstractPagingIntegrationTests {

    @Override
    protected String url() {
        return TestDatabases.postgres();
    }
}
