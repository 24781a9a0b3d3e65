package io.asyncorm.orm;

import io.asyncorm.testing.TestDatabases;

/** Unique values moving between rows in one flush, on H2. */
class H2FlushOrderIntegrationTests extends AbstractFlushOrderIntegrationTests {

    @Override
    protected String url() {
        return TestDatabases.h2();
    }
}
