package io.asyncorm.spring.web;

import io.asyncorm.testing.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The request-scope suite on an in-memory H2. */
class H2RequestScopeIntegrationTests extends AbstractRequestScopeIntegrationTests {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.r2dbc.url", TestDatabases::h2);
    }
}
