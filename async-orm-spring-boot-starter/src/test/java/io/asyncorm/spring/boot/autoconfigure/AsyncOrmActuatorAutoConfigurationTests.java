package io.asyncorm.spring.boot.autoconfigure;

import static io.asyncorm.sql.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.asyncorm.engine.AsyncEngine;
import io.asyncorm.orm.AsyncSession;
import io.asyncorm.orm.AsyncSessionMaker;
import io.asyncorm.orm.Registry;
import io.asyncorm.spring.testapp.Note;
import io.asyncorm.testing.TestDatabases;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.r2dbc.autoconfigure.metrics.ConnectionPoolMetricsAutoConfiguration;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The starter's health indicator and Micrometer meters. */
class AsyncOrmActuatorAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(AsyncOrmUrlAutoConfiguration.class, AsyncOrmAutoConfiguration.class, AsyncOrmActuatorAutoConfiguration.class))
            .withUserConfiguration(AsyncOrmAutoConfigurationTests.Entities.class);

    @Test
    void healthIsUpWithThePoolStateWhenTheDatabaseAnswers() {
        this.runner.withPropertyValues("async-orm.engine.url=" + TestDatabases.h2()).run(context -> {
            Health health = context.getBean("asyncOrmHealthIndicator", ReactiveHealthIndicator.class).health().block();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("database", "h2").containsEntry("acquired", 0).containsKey("idle")
                    .containsEntry("maxSize", 15);
        });
    }

    @Test
    void theHealthIndicatorCanBeSwitchedOffAsBootsOwnAre() {
        this.runner.withPropertyValues("async-orm.engine.url=" + TestDatabases.h2(), "management.health.asyncorm.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean("asyncOrmHealthIndicator").hasSingleBean(MeterBinder.class));
        this.runner.withPropertyValues("async-orm.engine.url=" + TestDatabases.h2(), "management.health.defaults.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean("asyncOrmHealthIndicator"));
    }

    @Test
    void healthIsDownWithTheErrorWhenTheDatabaseIsUnreachable() {
        this.runner.withPropertyValues("async-orm.engine.url=r2dbc:postgresql://nobody@127.0.0.1:1/nothing",
                "async-orm.engine.pool.timeout=2s").run(context -> {
                    Health health = context.getBean("asyncOrmHealthIndicator", ReactiveHealthIndicator.class).health().block();
                    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
                    assertThat(health.getDetails()).containsKey("error");
                });
    }

    @Test
    void metersCountStatementsAndGaugeTheScopedSessions() {
        this.runner.withPropertyValues("async-orm.engine.url=" + TestDatabases.h2()).run(context -> {
            MeterRegistry meters = new SimpleMeterRegistry();
            context.getBean(MeterBinder.class).bindTo(meters);
            AsyncEngine engine = context.getBean(AsyncEngine.class);
            Registry registry = context.getBean(Registry.class);
            engine.begin(conn -> registry.metadata().createAll(conn)).blockLast();
            double before = meters.get("asyncorm.statements").counter().count();
            AsyncSession session = context.getBean(AsyncSessionMaker.class).create();
            session.add(new Note("metered"));
            session.commit().block();
            assertThat(meters.get("asyncorm.statements").counter().count()).as("one INSERT").isEqualTo(before + 1);
            engine.connect(conn -> conn.scalar(text("select 1"))).blockLast();
            assertThat(meters.get("asyncorm.statements").counter().count()).isEqualTo(before + 2);
            assertThat(meters.get("asyncorm.sessions.scoped").gauge().value()).isZero();
            assertThat(meters.find("asyncorm.pool.acquired").meter()).as("Boot's r2dbc.pool.* instead").isNull();
        });
    }

    /** Boot's own pool meters find the engine's pool behind its ConnectionFactory: no second set of pool gauges. */
    @Test
    void bootsPoolMetersSeeTheEnginesOwnPool() {
        this.runner.withConfiguration(AutoConfigurations.of(ConnectionPoolMetricsAutoConfiguration.class))
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withPropertyValues("async-orm.engine.url=" + TestDatabases.h2(), "async-orm.engine.pool.size=3").run(context -> {
                    MeterRegistry meters = context.getBean(MeterRegistry.class);
                    AsyncEngine engine = context.getBean(AsyncEngine.class);
                    engine.connect(conn -> conn.scalar(text("select 1"))
                            .doOnNext(one -> assertThat(meters.get("r2dbc.pool.acquired").tag("name", "asyncOrmConnectionFactory")
                                    .gauge().value()).isEqualTo(1))).blockLast();
                    assertThat(meters.get("r2dbc.pool.acquired").gauge().value()).isZero();
                    assertThat(meters.get("r2dbc.pool.max.allocated").gauge().value()).isEqualTo(3 + 10);
                });
    }

    @Test
    void withoutMicrometerOrBootHealthThereAreNoSuchBeans() {
        this.runner.withPropertyValues("async-orm.engine.url=" + TestDatabases.h2())
                .withClassLoader(new FilteredClassLoader(MeterBinder.class, ReactiveHealthIndicator.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(MeterBinder.class)
                        .doesNotHaveBean(ReactiveHealthIndicator.class));
    }
}
