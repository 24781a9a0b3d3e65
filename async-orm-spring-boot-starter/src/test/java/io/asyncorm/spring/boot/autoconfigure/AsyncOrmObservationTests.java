package io.asyncorm.spring.boot.autoconfigure;

import static io.asyncorm.sql.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.asyncorm.engine.AsyncEngine;
import io.asyncorm.spring.testapp.Note;
import io.asyncorm.testing.TestDatabases;
import io.asyncorm.orm.AsyncSessionMaker;
import io.micrometer.observation.Observation;
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
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

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
    void flushesCommitsAndRollbacksAreObservedAsChildrenOfTheCallersObservation() {
        this.runner.withConfiguration(AutoConfigurations.of(AsyncOrmObservationAutoConfiguration.class))
                .withPropertyValues("async-orm.engine.url=" + TestDatabases.h2(), "async-orm.schema.mode=create").run(context -> {
                    AsyncSessionMaker maker = context.getBean(AsyncSessionMaker.class);
                    Observation request = Observation.start("http.server.requests", this.observations);
                    StepVerifier.create(maker.use(session -> {
                        for (int i = 0; i < 3; i++) {
                            session.add(new Note("observed " + i));
                        }
                        return session.commit().then(Mono.fromRunnable(() -> session.add(new Note("dropped")))).then(session.rollback());
                    }).contextWrite(reactor.util.context.Context.of(SessionObservations.CONTEXT_KEY, request))).verifyComplete();
                    request.stop();
                    TestObservationRegistryAssert.assertThat(this.observations)
                            .hasHandledContextsThatSatisfy(contexts -> {
                                Observation.Context commit = only(contexts, "asyncorm.session.commit");
                                assertThat(commit.getParentObservation()).isSameAs(request);
                                assertThat(commit.getLowCardinalityKeyValue("outcome").getValue()).isEqualTo("success");
                                assertThat(commit.getLowCardinalityKeyValue("objects").getValue()).isEqualTo("2-10");
                                Observation.Context flush = only(contexts, "asyncorm.session.flush");
                                assertThat(flush.getParentObservation().getContextView()).as("the commit's flush").isSameAs(commit);
                                Observation.Context rollback = only(contexts, "asyncorm.session.rollback");
                                assertThat(rollback.getLowCardinalityKeyValue("objects").getValue()).isEqualTo("1");
                            });
                    StepVerifier.create(maker.use(session -> {
                        session.events().beforeFlush(event -> Mono.error(new IllegalStateException("refused")));
                        session.add(new Note("never"));
                        return session.flush();
                    })).expectErrorMessage("refused").verify();
                    TestObservationRegistryAssert.assertThat(this.observations).hasHandledContextsThatSatisfy(contexts ->
                            assertThat(contexts).filteredOn(c -> c.getName().equals("asyncorm.session.flush"))
                                    .anySatisfy(failed -> {
                                        assertThat(failed.getLowCardinalityKeyValue("outcome").getValue()).isEqualTo("error");
                                        assertThat(failed.getError()).hasMessage("refused");
                                    }));
                });
    }

    @Test
    void observationsCanBeSwitchedOff() {
        this.runner.withConfiguration(AutoConfigurations.of(AsyncOrmObservationAutoConfiguration.class))
                .withPropertyValues("async-orm.engine.url=" + TestDatabases.h2(), "async-orm.observations.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(SessionObservations.class));
    }

    private static Observation.Context only(java.util.List<Observation.Context> contexts, String name) {
        return assertThat(contexts).filteredOn(context -> context.getName().equals(name)).singleElement().actual();
    }

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
