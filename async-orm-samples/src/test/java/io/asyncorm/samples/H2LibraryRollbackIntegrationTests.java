package io.asyncorm.samples;

/** Rolled-back tests of the sample on its default database: Spring Boot's embedded H2. */
class H2LibraryRollbackIntegrationTests extends AbstractLibraryRollbackIntegrationTests {
}
