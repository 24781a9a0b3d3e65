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
import org.springframework.boot.r2dbc.autoconfigure.health.ConnectionFactoryHealthContributorAutoConfiguration;
import org.springframework.boot.r2dbc.autoconfigure.metrics.ConnectionPoolMetricsAutoConfiguration;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The starter's Micrometer meters, and Boot's own health and pool meters on the engine. */
class AsyncOrmActuatorAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(AsyncOrmUrlAutoConfiguration.class, AsyncOrmAutoConfiguration.class, AsyncOrmActuatorAutoConfiguration.class))
            .withUserConfiguration(AsyncOrmAutoConfigurationTests.Entities.class);

    /** The engine's health is Boot's r2dbc indicator on the engine's ConnectionFactory: no second indicator. */
    @Test
    void bootsR2dbcHealthChecksTheEnginesPool() {
        ApplicationContextRunner withHealth = this.runner.withConfiguration(
                AutoConfigurations.of(ConnectionFactoryHealthContributorAutoConfiguration.class));
        withHealth.withPropertyValues("async-orm.engine.url=" + TestDatabases.h2()).run(context -> {
            assertThat(context).doesNotHaveBean("asyncOrmHealthIndicator");
            Health health = context.getBean("r2dbcHealthContributor", ReactiveHealthIndicator.class).health().block();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(context.getBean(AsyncEngine.class).poolStatus().idle()).as("checked on the engine's pool").isEqualTo(1);
        });
        withHealth.withPropertyValues("async-orm.engine.url=r2dbc:postgresql://nobody@127.0.0.1:1/nothing",
                "async-orm.engine.pool.timeout=2s").run(context -> {
                    Health health = context.getBean("r2dbcHealthContributor", ReactiveHealthIndicator.class).health().block();
                    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
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
    void withoutMicrometerThereIsNoMeterBinder() {
        this.runner.withPropertyValues("async-orm.engine.url=" + TestDatabases.h2())
                .withClassLoader(new FilteredClassLoader(MeterBinder.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(MeterBinder.class));
    }
}
