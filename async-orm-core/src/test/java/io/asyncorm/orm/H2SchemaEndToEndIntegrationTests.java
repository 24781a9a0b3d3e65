package io.asyncorm.orm;

import io.asyncorm.testing.TestDatabases;

/** The end-to-end schema on H2. */
class H2SchemaEndToEndIntegrationTests extends AbstractSchemaEndToEndIntegrationTests {

    private final String url = TestDatabases.h2();

    @Override
    protected String url() {
        return this.url;
    }
}
