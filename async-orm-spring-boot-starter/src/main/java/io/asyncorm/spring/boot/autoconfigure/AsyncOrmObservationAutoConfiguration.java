package io.asyncorm.spring.boot.autoconfigure;

import io.asyncorm.orm.AsyncSessionMaker;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer observations of session flushes, commits and rollbacks when an {@link ObservationRegistry} is present
 * (Spring Boot's, with Actuator): traces, and through Boot's meter handler the timers of the same names. Off with
 * {@code async-orm.observations.enabled=false}. Statements are observed by r2dbc-proxy's {@code r2dbc.query}
 * (Boot's decorators apply to the engine), not here.
 */
@AutoConfiguration(after = AsyncOrmAutoConfiguration.class,
        afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass({ObservationRegistry.class, AsyncSessionMaker.class})
@ConditionalOnProperty(prefix = "async-orm.observations", name = "enabled", matchIfMissing = true)
public final class AsyncOrmObservationAutoConfiguration {

    /** Created by Spring. */
    AsyncOrmObservationAutoConfiguration() {
    }

    @Bean
    @ConditionalOnBean({AsyncSessionMaker.class, ObservationRegistry.class})
    SessionObservations asyncOrmSessionObservations(AsyncSessionMaker maker, ObservationRegistry registry) {
        return new SessionObservations(maker, registry);
    }
}
