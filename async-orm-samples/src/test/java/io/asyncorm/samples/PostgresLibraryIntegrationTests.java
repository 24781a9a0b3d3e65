package io.asyncorm.samples;

import io.asyncorm.testing.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The sample on PostgreSQL, configured as a user would: async-orm.engine.url. */
class PostgresLibraryIntegrationTests extends AbstractLibraryIntegrationTests {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("async-orm.engine.url", TestDatabases::postgres);
    }

    @Override
    String insertBooks(int count) {
        return "insert into book (title, isbn, copies, author_id, version) select 'Book ' || g, lpad(g::text, 13, '0'), 1, 1, 1 "
                + "from generate_series(1, " + count + ") g";
    }
}
