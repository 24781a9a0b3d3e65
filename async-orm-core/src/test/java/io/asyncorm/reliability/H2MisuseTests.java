package io.asyncorm.reliability;

import io.asyncorm.testing.TestDatabases;

/** The misuse scenarios on H2. */
class H2MisuseTests extends AbstractMisuseTests {

    @Override
    protected String url() {
        return TestDatabases.h2();
    }
}
