package io.asyncorm.orm;

import io.asyncorm.testing.TestDatabases;

/** JPA lifecycle callbacks on MariaDb. */
class MariaDbLifecycleCallbackIntegrationTests extends AbstractLifecycleCallbackIntegrationTests {

    @Override
    protected String url() {
        return TestDatabases.mariadb();
    }
}
