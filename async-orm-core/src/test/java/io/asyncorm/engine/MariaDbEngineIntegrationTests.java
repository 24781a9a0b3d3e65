package io.asyncorm.engine;

import io.asyncorm.testing.TestDatabases;

/** The engine scenarios on MariaDB: {@code ?} bind markers, back-quoted identifiers, its error messages. */
class MariaDbEngineIntegrationTests extends AbstractEngineIntegrationTests {

    @Override
    protected String url() {
        return TestDatabases.mariadb();
    }
}
