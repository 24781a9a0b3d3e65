package io.asyncorm.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncorm.engine.AsyncEngine;
import io.asyncorm.engine.EngineOptions;
import io.asyncorm.orm.AsyncScopedSession;
import io.asyncorm.orm.AsyncSessionMaker;
import io.asyncorm.orm.Registry;
import io.asyncorm.spring.testapp.Note;
import io.asyncorm.spring.transaction.AsyncOrmExceptionTranslator;
import io.asyncorm.spring.transaction.AsyncOrmTransactionManager;
import io.asyncorm.spring.web.ScopedSessionWebFilter;
import io.asyncorm.testing.TestDatabases;
import io.r2dbc.spi.ConnectionFactory;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.test.StepVerifier;

import static io.asyncorm.sql.Sql.text;

/** Acceptance 1 of the starter issue: one case per condition branch of {@link AsyncOrmAutoConfiguration}. */
@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
class AsyncOrmAutoConfigurationTests {

    private static final AutoConfigurations AUTO_CONFIGURATIONS = AutoConfigurations.of(AsyncOrmUrlAutoConfiguration.class, R2dbcAutoConfiguration.class,
            AsyncOrmAutoConfiguration.class, AsyncOrmWebFluxAutoConfiguration.class, R2dbcTransactionManagerAutoConfiguration.class,
            TransactionAutoConfiguration.class);

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AUTO_CONFIGURATIONS)
            .withUserConfiguration(Entities.class);

    @Configuration(proxyBeanMethods = false)
    @EntityScan(basePackageClasses = Note.class)
    static class Entities {
    }

    @Test
    void ownUrlGivesTheEngineItsOwnPoolWithThePropertiesApplied() {
        this.runner.withPropertyValues("async-orm.engine.url=r2dbc:h2:mem:///own-url", "async-orm.engine.pool.size=3")
                .run(context -> {
                    AsyncEngine engine = context.getBean(AsyncEngine.class);
                    assertThat(engine.options().poolSize()).isEqualTo(3);
                    assertThat(engine.dialect().name()).isEqualTo("h2");
                    assertThat(context).hasSingleBean(Registry.class).hasSingleBean(AsyncSessionMaker.class)
                            .hasSingleBean(AsyncScopedSession.class).hasSingleBean(AsyncOrmExceptionTranslator.class);
                    assertThat(context.getBean(Registry.class).entityTypes()).contains(Note.class);
                    assertThat(context.getBean(ReactiveTransactionManager.class)).isInstanceOf(AsyncOrmTransactionManager.class);
                });
    }

    @Test
    void withAnOwnUrlTheApplicationsConnectionFactoryIsTheEnginesPool() {
        this.runner.withPropertyValues("async-orm.engine.url=" + TestDatabases.h2()).run(context -> {
            assertThat(context).hasSingleBean(ConnectionFactory.class);
            AsyncEngine engine = context.getBean(AsyncEngine.class);
            assertThat(context.getBean(ConnectionFactory.class).toString()).startsWith("EngineConnectionFactory");
            DatabaseClient client = context.getBean(DatabaseClient.class);
            int[] acquired = {-1};
            client.sql("select 1").map(row -> {
                acquired[0] = engine.poolStatus().acquired();
                return row.get(0);
            }).one().block();
            assertThat(acquired[0]).as("DatabaseClient drew from the engine's pool").isEqualTo(1);
            assertThat(engine.poolStatus().acquired()).isZero();
        });
    }

    @Test
    void withoutAnOwnUrlTheEngineRunsOnBootsConnectionFactory() {
        this.runner.withPropertyValues("spring.r2dbc.url=" + TestDatabases.h2(), "async-orm.engine.echo=true").run(context -> {
            assertThat(context).hasSingleBean(ConnectionFactory.class);
            AsyncEngine engine = context.getBean(AsyncEngine.class);
            assertThat(engine.options().echo()).isTrue();
            DatabaseClient client = context.getBean(DatabaseClient.class);
            client.sql("create table boot_factory (v int)").then()
                    .then(client.sql("insert into boot_factory values (42)").then()).block();
            StepVerifier.create(engine.connect(conn -> conn.<Integer>scalar(text("select v from boot_factory"))).single())
                    .expectNext(Optional.of(42)).verifyComplete();
        });
    }

    @Test
    void onBootsConnectionFactoryEnginePoolSettingsAreSaidToBeIgnored(org.springframework.boot.test.system.CapturedOutput output) {
        this.runner.withPropertyValues("spring.r2dbc.url=" + TestDatabases.h2(), "async-orm.engine.pool.size=20").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(output).contains("[async-orm.engine.pool.size] do not apply").contains("spring.r2dbc.pool.*");
        });
        this.runner.withPropertyValues("async-orm.engine.url=r2dbc:h2:mem:///own-pool-quiet", "async-orm.engine.pool.max-overflow=3")
                .run(context -> assertThat(output).as("with its own URL the engine pools: nothing to say")
                        .doesNotContain("async-orm.engine.pool.max-overflow] do not apply"));
    }

    /** A service connection (what @ServiceConnection and Docker Compose register) wins over async-orm.engine.url. */
    @Test
    void aServiceConnectionWinsOverTheConfiguredUrl() {
        org.springframework.boot.r2dbc.autoconfigure.R2dbcConnectionDetails container =
                () -> io.r2dbc.spi.ConnectionFactoryOptions.parse(TestDatabases.h2());
        this.runner.withPropertyValues("async-orm.engine.url=r2dbc:postgresql://nobody:secret@127.0.0.1:1/unreachable")
                .withBean(org.springframework.boot.r2dbc.autoconfigure.R2dbcConnectionDetails.class, () -> container)
                .run(context -> {
                    AsyncEngine engine = context.getBean(AsyncEngine.class);
                    assertThat(engine.dialect().name()).isEqualTo("h2");
                    assertThat(engine.poolStatus().pooled()).as("the engine's own pool").isTrue();
                    StepVerifier.create(engine.connect(conn -> conn.<Integer>scalar(text("select 1"))).single())
                            .expectNext(Optional.of(1)).verifyComplete();
                });
    }

    @Test
    void onBootsConnectionFactoryTheOptionsBuilderCustomizersApplyToo() {
        EngineOptionsBuilderCustomizer customizer = builder -> builder.fetchSize(2_000);
        this.runner.withPropertyValues("spring.r2dbc.url=" + TestDatabases.h2(), "async-orm.engine.echo=true")
                .withBean(EngineOptionsBuilderCustomizer.class, () -> customizer)
                .run(context -> {
                    assertThat(context.getBean(AsyncEngine.class).options().fetchSize()).isEqualTo(2_000);
                    assertThat(context.getBean(AsyncEngine.class).options().echo()).isTrue();
                });
    }

    @Test
    void withNoUrlAtAllBootsEmbeddedH2IsTheDatabase() {
        this.runner.run(context -> {
            assertThat(context).hasSingleBean(ConnectionFactory.class);
            AsyncEngine engine = context.getBean(AsyncEngine.class);
            assertThat(engine.dialect().name()).isEqualTo("h2");
            StepVerifier.create(engine.connect(conn -> conn.<Integer>scalar(text("select 1"))).single())
                    .expectNext(Optional.of(1)).verifyComplete();
        });
    }

    @Test
    void userDefinedBeansWin() {
        AsyncEngine own = AsyncEngine.create(TestDatabases.h2());
        this.runner.withPropertyValues("async-orm.engine.url=r2dbc:h2:mem:///ignored")
                .withBean("myEngine", AsyncEngine.class, () -> own)
                .withBean("myTransactionManager", ReactiveTransactionManager.class,
                        () -> new R2dbcTransactionManager(dummyFactory()))
                .run(context -> {
                    assertThat(context.getBean(AsyncEngine.class)).isSameAs(own);
                    assertThat(context).hasSingleBean(ReactiveTransactionManager.class);
                    assertThat(context.getBean(ReactiveTransactionManager.class)).isInstanceOf(R2dbcTransactionManager.class);
                    assertThat(context).hasSingleBean(AsyncSessionMaker.class);
                });
    }

    private static ConnectionFactory dummyFactory() {
        return io.r2dbc.spi.ConnectionFactories.get(TestDatabases.h2());
    }

    @Test
    void customizersRunOnTheEngineAndTheSessionMaker() {
        AtomicInteger engines = new AtomicInteger();
        this.runner.withPropertyValues("async-orm.engine.url=" + TestDatabases.h2())
                .withBean(AsyncEngineCustomizer.class, () -> engine -> engines.incrementAndGet())
                .withBean(AsyncSessionMakerCustomizer.class, () -> builder -> builder.expireOnCommit(false))
                .run(context -> {
                    assertThat(engines).hasValue(1);
                    assertThat(context.getBean(AsyncSessionMaker.class).toString()).contains("expireOnCommit=false");
                });
    }

    @Test
    void theStarterIsOffWithoutR2dbcOnTheClassPath() {
        this.runner.withClassLoader(new FilteredClassLoader(ConnectionFactory.class))
                .withPropertyValues("async-orm.engine.url=r2dbc:h2:mem:///off")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(AsyncEngine.class)
                        .doesNotHaveBean(AsyncOrmTransactionManager.class));
    }

    @Test
    void withNoDatabaseConfiguredThereIsNoEngine() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(AsyncOrmUrlAutoConfiguration.class, AsyncOrmAutoConfiguration.class))
                .withUserConfiguration(Entities.class)
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(AsyncEngine.class)
                        .doesNotHaveBean(AsyncScopedSession.class));
    }

    @Test
    void itReplacesBootsR2dbcTransactionManagerAndBootBuildsTheTransactionalOperatorOnIt() {
        this.runner.withPropertyValues("spring.r2dbc.url=" + TestDatabases.h2()).run(context -> {
            assertThat(context).hasSingleBean(ReactiveTransactionManager.class).hasSingleBean(TransactionalOperator.class);
            assertThat(context.getBean(ReactiveTransactionManager.class)).isInstanceOf(AsyncOrmTransactionManager.class);
        });
    }

    @Test
    void aReactiveWebApplicationGetsTheRequestScopeFilter() {
        new ReactiveWebApplicationContextRunner().withConfiguration(AUTO_CONFIGURATIONS).withUserConfiguration(Entities.class)
                .withPropertyValues("spring.r2dbc.url=" + TestDatabases.h2())
                .run(context -> assertThat(context).hasSingleBean(ScopedSessionWebFilter.class));
    }

    @Test
    void theRequestScopeCanBeTurnedOff() {
        new ReactiveWebApplicationContextRunner().withConfiguration(AUTO_CONFIGURATIONS).withUserConfiguration(Entities.class)
                .withPropertyValues("spring.r2dbc.url=" + TestDatabases.h2(), "async-orm.session.request-scope=false")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ScopedSessionWebFilter.class)
                        .hasSingleBean(AsyncScopedSession.class));
    }

    @Test
    void aNonWebApplicationHasNoFilter() {
        this.runner.withPropertyValues("spring.r2dbc.url=" + TestDatabases.h2())
                .run(context -> assertThat(context).doesNotHaveBean(ScopedSessionWebFilter.class));
    }

    @Test
    void closingTheContextDisposesTheEngine() {
        AtomicInteger disposed = new AtomicInteger(-1);
        this.runner.withPropertyValues("async-orm.engine.url=" + TestDatabases.h2())
                .run(context -> {
                    AsyncEngine engine = context.getBean(AsyncEngine.class);
                    engine.connect(conn -> conn.scalar(text("select 1"))).blockLast();
                    assertThat(engine.poolStatus().idle()).isEqualTo(1);
                    context.close();
                    disposed.set(engine.poolStatus().idle());
                });
        assertThat(disposed).as("the pool's idle connection is closed at shutdown").hasValue(0);
    }
}
