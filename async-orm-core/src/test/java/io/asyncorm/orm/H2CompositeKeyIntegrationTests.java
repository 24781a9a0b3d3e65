package io.asyncorm.orm;

import io.asyncorm.testing.TestDatabases;

/** Composite primary keys on H2. */
class H2CompositeKeyIntegrationTests extends AbstractCompositeKeyIntegrationTests {

    private final String url = TestDatabases.h2();

    @Override
    protected String url() {
        return this.url;
    }
}
