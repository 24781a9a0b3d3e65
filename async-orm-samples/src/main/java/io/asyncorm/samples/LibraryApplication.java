package io.asyncorm.samples;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The lending-library sample: {@code ./mvnw -pl async-orm-samples spring-boot:run} serves it on
 * http://localhost:8080 from an embedded H2 database, created and seeded at startup.
 */
@SpringBootApplication
public class LibraryApplication {

    /**
     * Starts the application.
     *
     * @param args Spring Boot arguments, for example {@code --spring.profiles.active=postgres}
     */
    public static void main(String[] args) {
        SpringApplication.run(LibraryApplication.class, args);
    }
}
