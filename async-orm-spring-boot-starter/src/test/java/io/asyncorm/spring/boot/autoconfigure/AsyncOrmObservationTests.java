package io.asyncorm.spring.boot.autoconfigure;

import static io.asyncorm.sql.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.asyncorm.engine.AsyncEngine;
import io.asyncorm.spring.testapp.Note;
import io.asyncorm.testing.TestDatabases;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcProxyAutoConfiguration;
import org.springframework.boot.r2dbc.autoconfigure.observation.R2dbcObservationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/**
 * With {@code async-orm.engine.url}, Boot's ConnectionFactoryDecorators still apply: r2dbc-proxy's Micrometer
 * observation listener sees every statement the engine sends, on the engine's own pool.
 */
class AsyncOrmObservationTests {

    @Configuration(proxyBeanMethods = false)
    @EntityScan(basePackageClasses = Note.class)
    static class Entities {
    }

    private final TestObservationRegistry observations = TestObservationRegistry.create();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(R2dbcProxyAutoConfiguration.class, R2dbcObservationAutoConfiguration.class,
                    AsyncOrmDecoratorAutoConfiguration.class, AsyncOrmUrlAutoConfiguration.class, AsyncOrmAutoConfiguration.class))
            .withUserConfiguration(Entities.class)
            .withBean(ObservationRegistry.class, () -> this.observations);

    @Test
    void statementsOfAnEngineWithItsOwnUrlAreObserved() {
        this.runner.withPropertyValues("async-orm.engine.url=" + TestDatabases.postgres(), "async-orm.schema.mode=none").run(context -> {
            AsyncEngine engine = context.getBean(AsyncEngine.class);
            engine.connect(conn -> conn.execute(text("select 42 as answer"))).blockLast();
            TestObservationRegistryAssert.assertThat(this.observations).hasObservationWithNameEqualTo("r2dbc.query")
                    .that().hasHighCardinalityKeyValue("r2dbc.query[0]", "select 42 as answer");
            assertThat(engine.poolStatus().pooled()).as("still the engine's own pool").isTrue();
        });
    }
}
