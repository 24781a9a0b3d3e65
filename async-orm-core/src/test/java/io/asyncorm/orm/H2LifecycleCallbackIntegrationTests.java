package io.asyncorm.orm;

import io.asyncorm.testing.TestDatabases;

/** JPA lifecycle callbacks on H2. */
class H2LifecycleCallbackIntegrationTests extends AbstractLifecycleCallbackIntegrationTests {

    private final String url = TestDatabases.h2();

    @Override
    protected String url() {
        return this.url;
    }
}
