package io.asyncorm.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import io.asyncorm.engine.AsyncEngine;
import io.asyncorm.engine.EngineOptions;
import io.asyncorm.orm.AsyncSessionMaker;
import io.asyncorm.testing.TestDatabases;
import io.r2dbc.spi.IsolationLevel;
import java.io.InputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Acceptance 4 of the starter issue: every async-orm.* property binds and reaches the core; the metadata lists them. */
class AsyncOrmPropertiesBindingTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(AsyncOrmUrlAutoConfiguration.class, AsyncOrmAutoConfiguration.class))
            .withUserConfiguration(AsyncOrmAutoConfigurationTests.Entities.class);

    @Test
    void everyEnginePropertyReachesTheEngineOptions() {
        this.runner.withPropertyValues(
                "async-orm.engine.url=" + TestDatabases.h2(),
                "async-orm.engine.username=sa",
                "async-orm.engine.password=secret",
                "async-orm.engine.echo=true",
                "async-orm.engine.hide-parameters=true",
                "async-orm.engine.logging-name=primary",
                "async-orm.engine.pool.enabled=true",
                "async-orm.engine.pool.size=7",
                "async-orm.engine.pool.max-overflow=2",
                "async-orm.engine.pool.timeout=5s",
                "async-orm.engine.pool.recycle=1h",
                "async-orm.engine.pool.idle-timeout=10m",
                "async-orm.engine.pool.pre-ping=true",
                "async-orm.engine.isolation-level=repeatable-read",
                "async-orm.engine.fetch-size=250",
                "async-orm.engine.defer-begin=false",
                "async-orm.engine.execution-options.read-only=true",
                "async-orm.engine.execution-options.tenant=acme").run(context -> {
                    AsyncOrmProperties.Engine bound = context.getBean(AsyncOrmProperties.class).getEngine();
                    assertThat(bound.getUsername()).isEqualTo("sa");
                    assertThat(bound.getPassword()).isEqualTo("secret");
                    EngineOptions options = context.getBean(AsyncEngine.class).options();
                    assertThat(options.echo()).isTrue();
                    assertThat(options.hideParameters()).isTrue();
                    assertThat(options.loggingName()).isEqualTo("primary");
                    assertThat(options.poolEnabled()).isTrue();
                    assertThat(options.poolSize()).isEqualTo(7);
                    assertThat(options.maxOverflow()).isEqualTo(2);
                    assertThat(options.poolTimeout()).isEqualTo(Duration.ofSeconds(5));
                    assertThat(options.poolRecycle()).isEqualTo(Duration.ofHours(1));
                    assertThat(options.poolIdleTimeout()).isEqualTo(Duration.ofMinutes(10));
                    assertThat(options.poolPrePing()).isTrue();
                    assertThat(options.executionOptions().isolationLevel()).isEqualTo(IsolationLevel.REPEATABLE_READ);
                    assertThat(options.fetchSize()).isEqualTo(250);
                    assertThat(options.deferBegin()).isFalse();
                    assertThat(options.executionOptions().readOnly()).isTrue();
                    assertThat(options.executionOptions().custom()).containsEntry("tenant", "acme");
                });
    }

    @Test
    void optionsBuilderCustomizersChangeTheSettingsBeforeTheEngineIsBuilt() {
        EngineOptionsBuilderCustomizer customizer = builder -> builder.fetchSize(2_000);
        this.runner.withPropertyValues("async-orm.engine.url=" + TestDatabases.h2(), "async-orm.engine.fetch-size=10",
                        "async-orm.engine.echo=true")
                .withBean(EngineOptionsBuilderCustomizer.class, () -> customizer)
                .run(context -> {
                    EngineOptions options = context.getBean(AsyncEngine.class).options();
                    assertThat(options.fetchSize()).as("the customizer wins over the property").isEqualTo(2_000);
                    assertThat(options.echo()).as("what no customizer touches keeps the property").isTrue();
                });
    }

    @Test
    void theMappedDefaultsAreTheCoresDefaults() {
        assertThat(EngineOptionsMapping.builder(new AsyncOrmProperties().getEngine()).build().toString())
                .isEqualTo(EngineOptions.defaults().toString());
    }

    @Test
    void poolingCanBeTurnedOff() {
        this.runner.withPropertyValues("async-orm.engine.url=" + TestDatabases.h2(), "async-orm.engine.pool.enabled=false")
                .run(context -> assertThat(context.getBean(AsyncEngine.class).options().poolEnabled()).isFalse());
    }

    @Test
    void sessionPropertiesReachTheSessionMaker() {
        this.runner.withPropertyValues("async-orm.engine.url=" + TestDatabases.h2(), "async-orm.session.expire-on-commit=true",
                "async-orm.session.autoflush=false", "async-orm.session.request-scope=false").run(context -> {
                    assertThat(context.getBean(AsyncSessionMaker.class).toString())
                            .contains("expireOnCommit=true").contains("autoflush=false");
                    assertThat(context.getBean(AsyncOrmProperties.class).getSession().isRequestScope()).isFalse();
                });
    }

    @Test
    void theDefaultsAreTheCoresDefaults() {
        this.runner.withPropertyValues("async-orm.engine.url=" + TestDatabases.h2()).run(context -> {
            assertThat(context.getBean(AsyncEngine.class).options().toString()).isEqualTo(EngineOptions.defaults().toString());
            assertThat(context.getBean(AsyncSessionMaker.class).toString()).as("the starter's one difference: no expiry on commit")
                    .contains("expireOnCommit=false").contains("autoflush=true");
        });
    }

    @Test
    void theGeneratedMetadataListsEveryPropertyWithADescription() throws Exception {
        JsonNode metadata;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("generated by spring-boot-configuration-processor").isNotNull();
            metadata = new ObjectMapper().readTree(in);
        }
        Map<String, JsonNode> properties = new HashMap<>();
        metadata.get("properties").forEach(property -> properties.put(property.get("name").asString(), property));
        assertThat(properties).containsOnlyKeys("async-orm.engine.url", "async-orm.engine.username", "async-orm.engine.password",
                "async-orm.engine.echo", "async-orm.engine.hide-parameters", "async-orm.engine.logging-name",
                "async-orm.engine.pool.enabled", "async-orm.engine.pool.size", "async-orm.engine.pool.max-overflow",
                "async-orm.engine.pool.timeout", "async-orm.engine.pool.recycle", "async-orm.engine.pool.idle-timeout",
                "async-orm.engine.pool.pre-ping", "async-orm.engine.isolation-level", "async-orm.engine.fetch-size",
                "async-orm.engine.defer-begin", "async-orm.engine.cleanup-timeout", "async-orm.engine.execution-options", "async-orm.session.expire-on-commit", "async-orm.session.autoflush",
                "async-orm.session.request-scope", "async-orm.schema.mode", "async-orm.observations.enabled", "async-orm.engine.replicas",
                "async-orm.engine.replica-checks.max-lag", "async-orm.engine.replica-checks.interval", "async-orm.engine.replica-checks.timeout");
        properties.forEach((name, property) -> assertThat(property.path("description").asString()).as(name).isNotBlank());
        assertThat(properties.get("async-orm.engine.pool.size").get("defaultValue").asInt()).isEqualTo(5);
        assertThat(properties.get("async-orm.session.expire-on-commit").get("defaultValue").asBoolean()).isFalse();
    }
}
