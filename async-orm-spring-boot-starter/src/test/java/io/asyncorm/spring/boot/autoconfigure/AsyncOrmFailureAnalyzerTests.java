package io.asyncorm.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncorm.orm.AsyncScopedSession;
import io.asyncorm.testing.TestDatabases;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Acceptance 5 of the starter issue: each startup mistake gets a message that says what to change. */
class AsyncOrmFailureAnalyzerTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(AsyncOrmUrlAutoConfiguration.class, AsyncOrmAutoConfiguration.class));

    private FailureAnalysis analyze(ApplicationContextRunner configured) {
        FailureAnalysis[] analysis = new FailureAnalysis[1];
        configured.run(context -> {
            assertThat(context).hasFailed();
            analysis[0] = new AsyncOrmFailureAnalyzer().analyze(context.getStartupFailure());
        });
        assertThat(analysis[0]).isNotNull();
        return analysis[0];
    }

    @Test
    void aUrlThatIsNotAnR2dbcUrl() {
        FailureAnalysis analysis = analyze(this.runner.withUserConfiguration(AsyncOrmAutoConfigurationTests.Entities.class)
                .withPropertyValues("async-orm.engine.url=postgresql://localhost/app"));
        assertThat(analysis.getDescription()).contains("Not an R2DBC URL");
        assertThat(analysis.getAction()).contains("async-orm.engine.url must be an R2DBC URL");
    }

    @Test
    void noDriverForTheUrl() {
        FailureAnalysis analysis = analyze(this.runner.withUserConfiguration(AsyncOrmAutoConfigurationTests.Entities.class)
                .withPropertyValues("async-orm.engine.url=r2dbc:oracle://localhost/app"));
        assertThat(analysis.getDescription()).contains("No R2DBC driver");
        assertThat(analysis.getAction()).contains("must be a dependency");
    }

    @Test
    void noDatabaseAtAll() {
        FailureAnalysis analysis = analyze(this.runner.withUserConfiguration(AsyncOrmAutoConfigurationTests.Entities.class,
                NeedsSession.class));
        assertThat(analysis.getDescription()).contains("No AsyncScopedSession bean").contains("no database to connect to");
        assertThat(analysis.getAction()).contains("async-orm.engine.url").contains("spring.r2dbc.url");
    }

    @Test
    void anEntityThatFailsMapping() {
        FailureAnalysis analysis = analyze(this.runner.withUserConfiguration(BrokenEntities.class)
                .withPropertyValues("async-orm.engine.url=" + TestDatabases.h2()));
        assertThat(analysis.getDescription()).contains("An entity class could not be mapped").contains("Broken");
        assertThat(analysis.getAction()).contains("Fix the mapping annotations");
    }

    @Test
    void noEntitiesFound() {
        FailureAnalysis analysis = analyze(this.runner.withPropertyValues("async-orm.engine.url=" + TestDatabases.h2()));
        assertThat(analysis.getDescription()).contains("found no @Entity");
        assertThat(analysis.getAction()).contains("@EntityScan");
    }

    @Configuration(proxyBeanMethods = false)
    static class NeedsSession {

        @Bean
        String userOfTheSession(AsyncScopedSession session) {
            return session.toString();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EntityScan(basePackageClasses = Broken.class)
    static class BrokenEntities {
    }

    /** An entity with two @Id fields of which one has an unsupported type: mapping must fail. */
    @Entity
    static class Broken {

        @Id
        private Object id;
    }
}
