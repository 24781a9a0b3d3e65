package io.asyncorm.orm;

import io.asyncorm.testing.TestDatabases;

/** Composite primary keys on MariaDb. */
class MariaDbCompositeKeyIntegrationTests extends AbstractCompositeKeyIntegrationTests {

    @Override
    protected String url() {
        return TestDatabases.mariadb();
    }
}
