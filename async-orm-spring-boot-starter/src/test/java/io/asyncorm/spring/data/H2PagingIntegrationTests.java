package io.asyncorm.spring.data;

import io.asyncorm.testing.TestDatabases;

/** Paging on H2. */
class H2PagingIntegrationTests extends AbstractPagingIntegrationTests {

    @Override
    protected String url() {
        return TestDatabases.h2();
    }
}
