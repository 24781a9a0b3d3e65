package io.asyncorm.orm;

import static io.asyncorm.orm.Orm.joinedload;
import static io.asyncorm.orm.Orm.select;
import static io.asyncorm.orm.Orm.selectinload;
import static org.assertj.core.api.Assertions.assertThat;

import io.asyncorm.engine.AsyncEngine;
import io.asyncorm.engine.EngineOptions;
import io.asyncorm.orm.model.A;
import io.asyncorm.orm.model.A_;
import io.asyncorm.orm.model.B;
import io.asyncorm.orm.model.Company;
import io.asyncorm.orm.model.Department;
import io.asyncorm.orm.model.Employee;
import io.asyncorm.orm.model.Employee_;
import io.asyncorm.testing.TestDatabases;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockHound;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * Proves with BlockHound that the ORM never blocks a non-blocking thread: flushing a graph, selectin and
 * joined loads, lazy placeholders (their class is generated on first use, on the driver's thread here),
 * explicit fetches, updates, deletes and commits on PostgreSQL. Runs in the BlockHound JVM.
 */
@Tag("blockhound")
class NonBlockingOrmIntegrationTests {

    @BeforeAll
    static void installBlockHound() {
        BlockHound.install();
    }

    @Test
    void theUnitOfWorkAndTheLoadersRunWithoutBlocking() {
        Registry registry = OrmIntegrationTestSupport.REGISTRY;
        AsyncEngine engine = AsyncEngine.create(TestDatabases.postgres(), EngineOptions.builder().poolSize(2).build());
        AsyncSessionMaker maker = AsyncSessionMaker.builder(engine, registry).expireOnCommit(false).build();
        Mono<List<Object>> work = engine.begin(conn -> registry.metadata().dropAll(conn, true).then(registry.metadata().createAll(conn)))
                .then(maker.begin(session -> {
                    Department sales = new Department("sales", new Company("acme"));
                    session.add(new Employee("worker", sales, new Employee("boss", sales, null)));
                    session.addAll(List.of(new A("a1", List.of(new B("b1"), new B("b2"))), new A("a2", List.of())));
                    return Mono.empty();
                }).then())
                .then(maker.use(session -> session.list(select(Employee.class).where(Employee_.name.eq("worker")))
                        .flatMap(workers -> AsyncAttrs.fetch(workers.get(0), Employee_.manager))
                        .map(Employee::getName)).single())
                .flatMap(boss -> maker.begin(session -> session.execute(select(A.class).options(joinedload(A_.bs)))
                        .map(result -> result.unique().<A>scalars().all())
                        .flatMap(as -> {
                            as.forEach(a -> a.setData(a.getData() + "!"));
                            return session.list(select(A.class).orderBy(A_.id.asc()).options(selectinload(A_.bs)));
                        })
                        .flatMap(as -> session.delete(as.get(0)).thenReturn(as.size()))).single()
                        .map(count -> List.<Object>of(boss, count)))
                .flatMap(result -> engine.begin(conn -> registry.metadata().dropAll(conn, true)).then(engine.dispose()).thenReturn(result))
                .subscribeOn(Schedulers.parallel());
        StepVerifier.create(work).assertNext(result -> assertThat(result).containsExactly("boss", 2)).verifyComplete();
    }

    @Test
    void runSyncBlocksOnlyItsOwnThreadWhileTheDriverThreadsStayNonBlocking() {
        Registry registry = OrmIntegrationTestSupport.REGISTRY;
        AsyncEngine engine = AsyncEngine.create(TestDatabases.postgres(), EngineOptions.builder().poolSize(2).build());
        AsyncSessionMaker maker = AsyncSessionMaker.builder(engine, registry).build();
        Mono<Integer> work = engine.begin(conn -> registry.metadata().dropAll(conn, true).then(registry.metadata().createAll(conn)))
                .then(maker.begin(session -> {
                    session.add(new A("a1", List.of(new B("b1"), new B("b2"))));
                    return Mono.empty();
                }).then())
                .then(maker.use(session -> session.runSync(sync -> sync.getOne(A.class, 1).getBs().size())).single())
                .flatMap(size -> engine.begin(conn -> registry.metadata().dropAll(conn, true)).then(engine.dispose()).thenReturn(size))
                .subscribeOn(Schedulers.parallel());
        StepVerifier.create(work).expectNext(2).verifyComplete();
    }
}
