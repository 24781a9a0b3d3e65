package io.asyncorm.reliability;

import io.asyncorm.testing.TestDatabases;

/** The systematic cancellation suite on embedded H2. */
class H2SystematicCancellationTests extends AbstractSystematicCancellationTests {

    private final String url = TestDatabases.h2();

    @Override
    protected String url() {
        return this.url;
    }

    @Override
    protected boolean serverHoldsSomething() {
        return count("select count(*) from information_schema.sessions where contains_uncommitted") > 0;
    }
}
