package io.asyncorm.samples;

/** The sample on its default database: Spring Boot's embedded H2. */
class H2LibraryIntegrationTests extends AbstractLibraryIntegrationTests {

    @Override
    String insertBooks(int count) {
        return "insert into book (title, isbn, copies, author_id, version) select 'Book ' || x, lpad(cast(x as varchar), 13, '0'), "
                + "1, 1, 1 from system_range(1, " + count + ")";
    }
}
