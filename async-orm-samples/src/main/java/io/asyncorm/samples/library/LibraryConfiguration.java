package io.asyncorm.samples.library;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The clock loans are dated with (tests replace it). */
@Configuration(proxyBeanMethods = false)
public class LibraryConfiguration {

    /** @return the system clock in the default zone */
    @Bean
    Clock clock() {
        return Clock.systemDefaultZone();
    }
}
