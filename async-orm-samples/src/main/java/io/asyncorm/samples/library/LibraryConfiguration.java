package io.asyncorm.samples.library;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.web.ReactivePageableHandlerMethodArgumentResolver;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;

/** The clock loans are dated with (tests replace it), and Spring Data's {@code Pageable} as a handler argument. */
@Configuration(proxyBeanMethods = false)
public class LibraryConfiguration implements WebFluxConfigurer {

    @Override
    public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
        ReactivePageableHandlerMethodArgumentResolver pageable = new ReactivePageableHandlerMethodArgumentResolver();
        pageable.setMaxPageSize(100);
        configurer.addCustomResolver(pageable);
    }

    /** @return the system clock in the default zone */
    @Bean
    Clock clock() {
        return Clock.systemDefaultZone();
    }
}
