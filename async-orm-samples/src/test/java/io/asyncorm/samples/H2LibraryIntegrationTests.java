package io.asyncorm.samples;

/** The sample on its default database: Spring Boot's embedded H2. */
class H2LibraryIntegrationTests extends AbstractLibraryIntegrationTests {
}
