package io.asyncorm.sql;

import io.asyncorm.testing.TestDatabases;

/** The Core SQL scenarios on an in-memory H2 database. */
class H2CoreSqlIntegrationTests extends AbstractCoreSqlIntegrationTests {

    @Override
    protected String url() {
        return TestDatabases.h2();
    }
}
