package io.asyncorm.spring.test;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The application the test-support tests run against: one entity and one service (in .app). */
@SpringBootApplication
public class MemberApplication {
}
