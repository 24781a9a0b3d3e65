package io.asyncorm.orm;

import static io.asyncorm.orm.Orm.select;
import static org.assertj.core.api.Assertions.assertThat;

import io.asyncorm.engine.AsyncEngine;
import io.asyncorm.engine.EngineOptions;
import io.asyncorm.exception.InvalidRequestError;
import io.asyncorm.orm.replica.Item;
import io.asyncorm.sql.Sql;
import io.asyncorm.testing.TestDatabases;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * {@link ShardRouting} over two PostgreSQL databases: each tenant's get, query, flush and transaction stay on its
 * shard; a transaction that would span both is refused before anything is sent, and nothing is left half-written.
 */
class PostgresShardingIntegrationTests {

    private static final Registry REGISTRY = Registry.of(Item.class);

    private static AsyncEngine acme;

    private static AsyncEngine globex;

    private AsyncSessionMaker maker;

    @BeforeAll
    static void createTables() {
        acme = AsyncEngine.create(TestDatabases.postgres(), EngineOptions.builder().poolSize(2).build());
        globex = AsyncEngine.create(TestDatabases.postgresShard(), EngineOptions.builder().poolSize(2).build());
        Flux.just(acme, globex).concatMap(shard -> shard.begin(conn -> REGISTRY.metadata().dropAll(conn, true)
                .then(REGISTRY.metadata().createAll(conn)))).blockLast();
    }

    @AfterAll
    static void dropTables() {
        Flux.just(acme, globex).concatMap(shard -> shard.begin(conn -> REGISTRY.metadata().dropAll(conn, true))
                .then(shard.dispose())).blockLast();
    }

    @BeforeEach
    void setUp() {
        Flux.just(acme, globex).concatMap(shard -> shard.begin(conn -> conn.execute(Sql.text("delete from orm_replica_item"))))
                .blockLast();
        this.maker = AsyncSessionMaker.builder(REGISTRY).bindResolver(ShardRouting.byInfo("tenant", Map.of("acme", acme,
                "globex", globex))).expireOnCommit(false).build();
    }

    private <T> Flux<T> asTenant(String tenant, java.util.function.Function<AsyncSession, Mono<T>> work) {
        return this.maker.begin(session -> {
            session.info().put("tenant", tenant);
            return work.apply(session);
        });
    }

    @Test
    void eachTenantsWorkStaysOnItsShard() {
        asTenant("acme", session -> {
            session.add(new Item(1, "acme's"));
            return Mono.empty();
        }).blockLast();
        asTenant("globex", session -> {
            session.add(new Item(1, "globex's"));
            return Mono.empty();
        }).blockLast();
        StepVerifier.create(asTenant("acme", session -> session.get(Item.class, 1).map(Item::getName)))
                .expectNext("acme's").verifyComplete();
        StepVerifier.create(asTenant("globex", session -> session.list(select(Item.class)).map(items -> items.get(0).getName())))
                .expectNext("globex's").verifyComplete();
        StepVerifier.create(asTenant("globex", session -> session.get(Item.class, 1).doOnNext(item -> item.setName("renamed"))
                .then(Mono.empty()))).verifyComplete();
        assertThat(names(acme)).containsExactly("acme's");
        assertThat(names(globex)).containsExactly("renamed");
    }

    @Test
    void aTransactionThatWouldSpanShardsIsRefusedAndLeavesNothing() {
        StepVerifier.create(asTenant("acme", session -> {
            session.add(new Item(2, "first half"));
            return session.flush().then(Mono.defer(() -> {
                session.info().put("tenant", "globex");
                return session.list(select(Item.class));
            }));
        })).verifyErrorSatisfies(error -> assertThat(error).isInstanceOf(InvalidRequestError.class)
                .hasMessageContaining("runs on shard acme and cannot also use shard globex"));
        assertThat(names(acme)).as("rolled back").isEmpty();
        assertThat(names(globex)).isEmpty();
        StepVerifier.create(this.maker.use(session -> session.get(Item.class, 2)))
                .verifyErrorSatisfies(error -> assertThat(error).isInstanceOf(InvalidRequestError.class)
                        .hasMessageContaining("No shard for tenant = null"));
    }

    private static List<String> names(AsyncEngine shard) {
        return shard.connect(conn -> conn.execute(Sql.text("select name from orm_replica_item order by id")))
                .next().map(result -> result.all().stream().map(row -> (String) row.get("name")).toList()).block();
    }
}
