package io.asyncorm.orm;

import io.asyncorm.testing.TestDatabases;

/** Single-table inheritance on H2. */
class H2SingleTableInheritanceIntegrationTests extends AbstractSingleTableInheritanceIntegrationTests {

    private final String url = TestDatabases.h2();

    @Override
    protected String url() {
        return this.url;
    }
}
