package io.asyncorm.spring.testapp;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The application the starter's @SpringBootTest suites run: two entities, two services, one controller. */
@SpringBootApplication
public class StarterTestApplication {
}
