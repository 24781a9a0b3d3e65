package io.asyncorm.orm;

import static io.asyncorm.orm.Orm.select;
import static io.asyncorm.orm.Orm.selectinload;
import static org.assertj.core.api.Assertions.assertThat;

import io.asyncorm.engine.AsyncEngine;
import io.asyncorm.engine.EngineOptions;
import io.asyncorm.exception.UnboundExecutionError;
import io.asyncorm.orm.model.A;
import io.asyncorm.orm.model.A_;
import io.asyncorm.orm.model.B;
import io.asyncorm.sql.Sql;
import io.asyncorm.testing.EchoCapture;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/**
 * Bind routing (P20, DS-09, ES-21): the session really consults the maker's {@link BindResolver} and
 * per-class binds for every statement. A second engine on the same database stands in for a replica (or
 * another database); each engine's echo log shows which statements it ran.
 */
abstract class AbstractBindIntegrationTests extends OrmIntegrationTestSupport {

    private AsyncEngine replica;

    private EchoCapture replicaEcho;

    @BeforeEach
    void openReplica() {
        String name = "replica" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        this.replicaEcho = new EchoCapture(name);
        this.replica = AsyncEngine.create(url(), EngineOptions.builder().echo(true).loggingName(name).build());
        addThreeAsWithFiveBs().block();
        this.echo.clear();
    }

    @AfterEach
    void closeReplica() {
        this.replica.dispose().block();
        this.replicaEcho.close();
    }

    private List<String> replicaStatements(String verb) {
        return this.replicaEcho.statements().stream().filter(line -> line.startsWith(verb)).toList();
    }

    @Test
    void aReadReplicaResolverSendsQueriesToTheReplicaAndTheFlushToThePrimary() {
        AsyncSessionMaker routed = AsyncSessionMaker.builder(this.engine, REGISTRY).expireOnCommit(false)
                .bindResolver(context -> context.isWrite() ? null : this.replica).build();

        StepVerifier.create(routed.use(session -> session.list(select(A.class).orderBy(A_.id.asc()).options(selectinload(A_.bs)))
                .flatMap(as -> {
                    as.get(0).setData("new data");
                    return session.commit();
                }).then(session.execute(Sql.update(ormB()).values(Map.of("data", "changed"))))
                .then(session.commit()))).verifyComplete();

        assertThat(replicaStatements("SELECT")).hasSize(2);
        assertThat(replicaStatements("UPDATE")).isEmpty();
        assertThat(statements("SELECT")).isEmpty();
        assertThat(statements("UPDATE")).hasSize(2);
        assertThat(statements("UPDATE").get(0)).contains("orm_a");
        assertThat(statements("UPDATE").get(1)).contains("orm_b");
        assertThat(this.maker.use(session -> session.scalar(select(A.class).where(A_.data.eq("new data")))).single().block())
                .isPresent();
    }

    @Test
    void perClassBindsRouteQueriesLoadsAndFlushesOfThatClass() {
        AsyncSessionMaker routed = AsyncSessionMaker.builder(this.engine, REGISTRY).expireOnCommit(false)
                .binds(Map.of(B.class, this.replica)).build();
        StepVerifier.create(routed.use(session -> {
            assertThat(session.getBind(B.class)).isSameAs(this.replica);
            assertThat(session.getBind(A.class)).isSameAs(this.engine);
            assertThat(session.getBind(Sql.update(ormB()))).isSameAs(this.replica);
            return session.list(select(A.class).orderBy(A_.id.asc())).flatMap(as -> AsyncAttrs.fetch(as.get(0), A_.bs)
                    .doOnNext(bs -> bs.remove(bs.iterator().next())).then(session.commit()));
        })).verifyComplete();

        assertThat(statements("SELECT")).singleElement().asString().contains("orm_a");
        assertThat(replicaStatements("SELECT")).singleElement().asString().contains("orm_b");
        assertThat(replicaStatements("DELETE")).singleElement().asString().contains("orm_b");
        assertThat(statements("DELETE")).isEmpty();
    }

    @Test
    void theDocstringsRoutingSessionWritesToTheLeaderAndReadsFromAFollower() {
        // DS-09: B goes to "other", flushes and Core UPDATE/DELETE to the leader, other reads to the follower.
        AsyncEngine leader = this.engine;
        AsyncEngine follower = this.replica;
        AsyncSessionMaker routed = AsyncSessionMaker.builder(REGISTRY).expireOnCommit(false)
                .bindResolver(context -> context.isFlushing() || context.statement().map(s -> !s.isQuery()).orElse(false) ? leader
                        : follower)
                .build();
        StepVerifier.create(routed.use(session -> session.get(A.class, 1).flatMap(a -> {
            a.setData("routed");
            session.add(new A("a4", List.of(new B("b6"))));
            return session.commit();
        }).then(session.execute(Sql.delete(ormB()).where(
                ormB().c("data").eq("b6")))).then(session.commit()))).verifyComplete();

        assertThat(replicaStatements("SELECT")).singleElement().asString().contains("orm_a");
        assertThat(this.replicaEcho.statements()).noneMatch(line -> line.contains("INSERT") || line.startsWith("UPDATE")
                || line.startsWith("DELETE"));
        assertThat(insertedTables()).containsExactly("orm_a", "orm_b");
        assertThat(statements("UPDATE")).hasSize(1);
        assertThat(statements("DELETE")).hasSize(1);
    }

    @Test
    void withoutAnEngineForAStatementTheSessionRaisesUnboundExecutionError() {
        AsyncSessionMaker unbound = AsyncSessionMaker.builder(REGISTRY).binds(Map.of(A.class, this.engine)).build();
        StepVerifier.create(unbound.use(session -> session.execute(Sql.text("select 1"))))
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOf(UnboundExecutionError.class)
                        .hasMessageContaining("Could not locate an engine for this TextClause statement")
                        .hasMessageContaining("binds(...)"))
                .verify();
        StepVerifier.create(unbound.use(session -> session.get(B.class, 1)))
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOf(UnboundExecutionError.class)
                        .hasMessageContaining("entity B"))
                .verify();
        StepVerifier.create(unbound.use(session -> session.get(A.class, 1).map(A::getData))).expectNext("a1").verifyComplete();
        StepVerifier.create(unbound.use(session -> {
            session.add(new B("orphan"));
            return session.flush();
        })).expectError(UnboundExecutionError.class).verify();
        assertThat(count("orm_b")).isEqualTo(5);
    }

    @Test
    void aResolverThatReturnsNullFallsBackToTheBindsAndThenTheEngine() {
        AsyncSessionMaker routed = AsyncSessionMaker.builder(this.engine, REGISTRY)
                .binds(Map.of(B.class, this.replica)).bindResolver(context -> null).build();
        AsyncSession session = routed.create();
        assertThat(session.getBind(B.class)).isSameAs(this.replica);
        assertThat(session.getBind(Sql.text("select 1"))).isSameAs(this.engine);
        StepVerifier.create(session.close()).verifyComplete();
    }

    @Test
    void createWithOverridesMergesInfoAndKeepsTheMakersOtherSettings() {
        AsyncSessionMaker withInfo = AsyncSessionMaker.builder(this.engine, REGISTRY).info(Map.of("a", 1, "b", 1)).build();
        AsyncSession session = withInfo.create(settings -> settings.info(Map.of("b", 2, "c", 3)).autoflush(false));
        assertThat(session.info()).containsExactlyInAnyOrderEntriesOf(Map.of("a", 1, "b", 2, "c", 3));
        assertThat(session.isAutoflush()).isFalse();
        assertThat(withInfo.create().info()).containsExactlyInAnyOrderEntriesOf(Map.of("a", 1, "b", 1));
        StepVerifier.create(session.close()).verifyComplete();
    }

    private static io.asyncorm.sql.Table ormB() {
        return REGISTRY.metadata().table("orm_b").orElseThrow();
    }
}
