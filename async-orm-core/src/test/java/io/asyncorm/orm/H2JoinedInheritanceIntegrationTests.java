package io.asyncorm.orm;

import io.asyncorm.testing.TestDatabases;

/** JOINED inheritance on H2. */
class H2JoinedInheritanceIntegrationTests extends AbstractJoinedInheritanceIntegrationTests {

    private final String url = TestDatabases.h2();

    @Override
    protected String url() {
        return this.url;
    }
}
