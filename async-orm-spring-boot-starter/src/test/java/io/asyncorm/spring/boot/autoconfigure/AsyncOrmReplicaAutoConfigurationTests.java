package io.asyncorm.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncorm.engine.AsyncEngine;
import io.asyncorm.orm.AsyncScopedSession;
import io.asyncorm.orm.AsyncSession;
import io.asyncorm.orm.AsyncSessionMaker;
import io.asyncorm.orm.ReplicaRouting;
import io.asyncorm.spring.testapp.Note;
import io.asyncorm.sql.Sql;
import io.asyncorm.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * {@code async-orm.engine.replicas[*]}: engines for the replicas, the maker's binds through {@link ReplicaRouting}
 * (reads to the real standby of {@code .ci/standby}, writes to the primary), health checked, pools closed at stop.
 */
class AsyncOrmReplicaAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(AsyncOrmUrlAutoConfiguration.class, AsyncOrmAutoConfiguration.class,
                    AsyncOrmReplicaAutoConfiguration.class))
            .withUserConfiguration(AsyncOrmAutoConfigurationTests.Entities.class);

    @Test
    void replicasTakeTheMakersReadsAndThePrimaryItsWrites() {
        this.runner.withPropertyValues("async-orm.engine.url=" + TestDatabases.postgres(), "async-orm.schema.mode=none",
                "async-orm.engine.replicas[0].url=" + TestDatabases.standby(), "async-orm.engine.replica-checks.max-lag=30s")
                .run(context -> {
                    ReplicaRouting routing = context.getBean(ReplicaRouting.class);
                    AsyncEngine primary = context.getBean(AsyncEngine.class);
                    routing.checkHealth().block();
                    assertThat(routing.usableReplicas()).singleElement().satisfies(replica -> {
                        assertThat(replica).isNotSameAs(primary);
                        assertThat(replica.url()).contains(":5433").doesNotContain("asyncorm:asyncorm");
                    });
                    AsyncSession session = context.getBean(AsyncSessionMaker.class).create();
                    assertThat(session.getBind(Note.class)).as("a read").isSameAs(routing.usableReplicas().get(0));
                    assertThat(session.getBind(Sql.text("delete from starter_note"))).as("a write").isSameAs(primary);
                    session.close().block();
                });
    }

    /** Through Spring's transactions: a read-only transaction reads on the standby, one that wrote reads on the primary. */
    @Test
    void aReadOnlyTransactionReadsFromTheStandbyAndAWritingOneFromThePrimary() {
        this.runner.withPropertyValues("async-orm.engine.url=" + TestDatabases.postgres(), "async-orm.schema.mode=none",
                "async-orm.engine.replicas[0].url=" + TestDatabases.standby()).run(context -> {
                    AsyncScopedSession scoped = context.getBean(AsyncScopedSession.class);
                    ReactiveTransactionManager manager = context.getBean(ReactiveTransactionManager.class);
                    DefaultTransactionDefinition readOnly = new DefaultTransactionDefinition();
                    readOnly.setReadOnly(true);
                    Mono<Boolean> who = scoped.connection().flatMap(conn -> conn.<Boolean>scalar(Sql.text("select pg_is_in_recovery()")))
                            .map(answer -> answer.orElseThrow());
                    StepVerifier.create(TransactionalOperator.create(manager, readOnly).transactional(who))
                            .expectNext(true).verifyComplete();
                    StepVerifier.create(TransactionalOperator.create(manager).transactional(
                            scoped.execute(Sql.text("select 1")).then(who))).as("after a statement that may write").expectNext(false)
                            .verifyComplete();
                });
    }

    @Test
    void withoutReplicasThereIsNoRouting() {
        this.runner.withPropertyValues("async-orm.engine.url=" + TestDatabases.h2())
                .run(context -> assertThat(context).doesNotHaveBean(ReplicaRouting.class).doesNotHaveBean(AsyncOrmReplicas.class));
    }
}
