package io.asyncorm.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncorm.exception.SchemaMismatchError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.NestedExceptionUtils;

/**
 * The sample's schema comes from Flyway and is checked against the mapping at startup: the real migration starts the
 * application, a drifted one (a column missing, another of the wrong type) stops it, naming both.
 */
class LibraryMigrationTests {

    @Test
    void theMigrationMatchesTheMapping() {
        try (ConfigurableApplicationContext context = start("migrated", "classpath:db/migration")) {
            assertThat(context.isRunning()).isTrue();
        }
    }

    /** The real migration with two drifts: {@code book.version} left out, {@code book.copies} made text. */
    @Test
    void aDriftedMigrationStopsStartupNamingEachDifference(@TempDir Path drifted) throws IOException {
        String migration;
        try (InputStream in = getClass().getResourceAsStream("/db/migration/V1__library.sql")) {
            migration = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String changed = migration.replace("    version integer NOT NULL,\n", "")
                .replace("copies integer NOT NULL", "copies varchar(10) NOT NULL");
        assertThat(changed).as("both drifts applied").doesNotContain("version integer").contains("copies varchar(10)");
        Files.writeString(drifted.resolve("V1__library.sql"), changed);
        assertThatThrownBy(() -> start("drifted", "filesystem:" + drifted).close())
                .satisfies(error -> assertThat(NestedExceptionUtils.getMostSpecificCause(error))
                        .isInstanceOf(SchemaMismatchError.class)
                        .hasMessageContaining("book.version")
                        .hasMessageContaining("book.copies"));
    }

    private static ConfigurableApplicationContext start(String database, String migrations) {
        // Command-line arguments: they win over application.yml (builder properties would not).
        return new SpringApplicationBuilder(LibraryApplication.class).run(
                "--spring.main.web-application-type=none",
                "--spring.r2dbc.url=r2dbc:h2:mem:///" + database + "?options=DB_CLOSE_DELAY=-1",
                "--spring.flyway.url=jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1",
                "--spring.flyway.locations=" + migrations);
    }
}
