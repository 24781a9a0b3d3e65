package io.asyncorm.orm;

import static io.asyncorm.orm.Orm.select;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.asyncorm.exception.ImplicitIoException;
import io.asyncorm.exception.InvalidRequestError;
import io.asyncorm.internal.SyncBridge;
import io.asyncorm.orm.model.A;
import io.asyncorm.orm.model.A_;
import io.asyncorm.orm.model.B;
import io.asyncorm.orm.model.Employee;
import io.asyncorm.orm.model.Employee_;
import io.asyncorm.sql.Sql;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

/** runSync (AS-06, DS-04, DS-08): plain sequential code on its own thread, lazy loading there only, safe cancellation. */
abstract class AbstractRunSyncIntegrationTests extends OrmIntegrationTestSupport {

    @Test
    void theSeedsFetchAndUpdateObjectsRunsAsARunSyncBlockWithLazyLoading() {
        // AS-06: AsyncSession(engine) (expire_on_commit=True), add 3 A / 5 B in session.begin(), run_sync, commit.
        AsyncSession session = AsyncSessionMaker.builder(this.engine, REGISTRY).build().create();
        List<String> printed = new ArrayList<>();
        Mono<Void> program = session.begin(s -> {
            s.addAll(List.of(new A("a1", List.of(new B("b1"), new B("b2"))), new A("a2", List.of(new B("b3"))),
                    new A("a3", List.of(new B("b4"), new B("b5")))));
            return Mono.empty();
        }).then(Mono.fromRunnable(this.echo::clear)).then(session.runSync(sync -> {
            for (A a1 : sync.list(select(A.class).orderBy(A_.id.asc()))) {
                printed.add(a1.toString());
                for (B b1 : a1.getBs()) {
                    printed.add("  " + b1);
                }
            }
            A a1 = sync.list(select(A.class).orderBy(A_.id.asc()).limit(1)).get(0);
            a1.setData("new data");
            return Boolean.TRUE;
        })).then(session.commit()).then(session.close());
        StepVerifier.create(program).verifyComplete();

        assertThat(printed).containsExactly("A(1, a1)", "  B(1, b1)", "  B(2, b2)", "A(2, a2)", "  B(3, b3)", "A(3, a3)", "  B(4, b4)",
                "  B(5, b5)");
        assertThat(statements("SELECT")).hasSize(5); // the query, one lazy load per A (N+1, visible), the first()
        assertThat(statements("UPDATE")).singleElement().asString().contains("orm_a");
        assertThat(this.maker.use(s -> s.get(A.class, 1).map(A::getData)).blockLast()).isEqualTo("new data");
    }

    @Test
    void outsideRunSyncTheSameAccessRaises() {
        addThreeAsWithFiveBs().block();
        StepVerifier.create(this.maker.use(session -> session.get(A.class, 1)
                .doOnNext(a1 -> assertThatThrownBy(() -> a1.getBs().size()).isInstanceOf(ImplicitIoException.class))
                // Loaded inside the block, so readable afterwards; another object's collection still raises.
                .flatMap(a1 -> session.runSync(sync -> a1.getBs().size()).map(inside -> List.of(inside, a1.getBs().size())))))
                .expectNext(List.of(2, 2)).verifyComplete();
        StepVerifier.create(this.maker.use(session -> session.get(A.class, 2).map(a2 -> a2.getBs().size())))
                .expectError(ImplicitIoException.class).verify();
    }

    @Test
    void aLazyReferenceLoadsOnUseInsideTheBlock() {
        addWorkerAndBoss();
        StepVerifier.create(this.maker.use(session -> session.runSync(sync -> {
            Employee worker = sync.list(select(Employee.class).where(Employee_.name.eq("worker"))).get(0);
            return worker.getManager().getName();
        }))).expectNext("boss").verifyComplete();
    }

    @Test
    void cancellingTheBlockLeavesNoRowsAndReturnsTheConnection() {
        Sinks.One<Boolean> flushed = Sinks.one();
        AtomicReference<Throwable> seenByBlock = new AtomicReference<>();
        AsyncSession session = this.maker.create();
        Mono<Object> block = session.runSync(sync -> {
            sync.add(new A("never committed", List.of(new B("b"))));
            sync.flush();
            flushed.tryEmitValue(true);
            try {
                while (true) {
                    sync.execute(Sql.text("select 1"));
                }
            } catch (RuntimeException ex) {
                seenByBlock.set(ex);
                throw ex;
            }
        });
        StepVerifier.create(block.takeUntilOther(flushed.asMono())).verifyComplete();

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> this.engine.poolStatus().acquired() == 0 && !session.inTransaction());
        assertThat(seenByBlock.get()).isInstanceOf(java.util.concurrent.CancellationException.class);
        assertThat(count("orm_a")).isZero();
        assertThat(count("orm_b")).isZero();
        assertThat(session.newObjects()).isEmpty();
        StepVerifier.create(session.runSync(sync -> sync.scalar(Sql.text("select 42")).map(Number.class::cast).map(Number::intValue))
                .then(session.close())).verifyComplete();
    }

    /**
     * A block cancelled inside a transaction block: the block's rollback waits for the cancelled block's thread to stop
     * (the block rolls back itself), instead of failing beside it with "already running runSync()", which Reactor
     * logged as a failed cleanup (with its stack) at every such cancel.
     */
    @Test
    void cancellingABlockInsideATransactionBlockRollsBackWithoutAFailedCleanup() {
        Sinks.One<Boolean> flushed = Sinks.one();
        Flux<Object> unit = this.maker.begin(session -> session.runSync(sync -> {
            sync.add(new A("never committed", List.of(new B("b"))));
            sync.flush();
            flushed.tryEmitValue(true);
            while (true) {
                sync.execute(Sql.text("select 1"));
            }
        }));
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        root.addAppender(logged);
        try {
            StepVerifier.create(unit.takeUntilOther(flushed.asMono())).verifyComplete();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> this.engine.poolStatus().acquired() == 0);
        } finally {
            root.detachAppender(logged);
        }
        assertThat(logged.list).filteredOn(event -> event.getLevel().isGreaterOrEqual(Level.WARN))
                .extracting(ILoggingEvent::getFormattedMessage).isEmpty();
        assertThat(count("orm_a")).isZero();
        assertThat(count("orm_b")).isZero();
    }

    @Test
    void theBlocksErrorPropagatesAndTheSessionIsUsableAfterwards() {
        AsyncSession session = this.maker.create();
        StepVerifier.create(session.runSync(sync -> {
            throw new IllegalStateException("business rule");
        })).expectErrorMessage("business rule").verify();
        StepVerifier.create(session.runSync(sync -> {
            sync.add(new A("a1", List.of()));
            sync.commit();
            return sync.contains(sync.getOne(A.class, 1));
        }).then(session.close())).verifyComplete();
        assertThat(count("orm_a")).isOne();
    }

    @Test
    void misuseFailsClearly() {
        assertThatThrownBy(() -> SyncBridge.await(Mono.just(1))).isInstanceOf(InvalidRequestError.class)
                .hasMessageContaining("only allowed inside a runSync block");
        AtomicReference<SyncSession> escaped = new AtomicReference<>();
        AsyncSession session = this.maker.create();
        StepVerifier.create(session.runSync(sync -> {
            escaped.set(sync);
            return 1;
        })).expectNext(1).verifyComplete();
        assertThatThrownBy(() -> escaped.get().flush()).isInstanceOf(InvalidRequestError.class).hasMessageContaining("has ended");

        Sinks.One<Boolean> started = Sinks.one();
        Sinks.One<Boolean> release = Sinks.one();
        Mono<Object> holding = session.runSync(sync -> {
            started.tryEmitValue(true);
            return SyncBridge.await(release.asMono());
        });
        StepVerifier.create(Mono.when(holding, started.asMono().then(session.flush())
                .doFinally(signal -> release.tryEmitValue(true))))
                .expectErrorSatisfies(error -> assertThat(error).hasMessageContaining("already running runSync()")).verify();
        StepVerifier.create(session.close()).verifyComplete();
    }

    /** SQLAlchemy's driver_connection and run_async inside a runSync block: the driver's connection, in the transaction. */
    @Test
    void runSyncReachesTheDriversConnectionInsideTheTransaction() {
        StepVerifier.create(this.engine.begin(conn -> conn.runSync(sync -> {
            sync.execute(Sql.insert(REGISTRY.metadata().table("orm_a").orElseThrow()), Map.of("data", "seen by the driver"));
            Object count = sync.runAsync(driver -> reactor.core.publisher.Flux.from(driver.createStatement("select count(*) from orm_a")
                    .execute()).concatMap(result -> result.map((row, metadata) -> ((Number) row.get(0)).longValue())));
            return List.of(count, sync.driverConnection() != null);
        }))).expectNext(List.of(1L, true)).verifyComplete();
        AsyncSession session = this.maker.create();
        StepVerifier.create(session.runSync(sync -> sync.driverConnection() != null).then(session.close())).verifyComplete();
    }

    @Test
    void connectionRunSyncRunsCoreCodeInTheTransaction() {
        // DS-04: do_something_with_core(conn, 5, "strval") inside engine.begin() returns "success" and is committed.
        StepVerifier.create(this.engine.begin(conn -> conn.runSync(sync -> {
            sync.execute(Sql.insert(REGISTRY.metadata().table("orm_a").orElseThrow()), Map.of("data", "from run_sync"));
            return "success";
        }))).expectNext("success").verifyComplete();
        assertThat(count("orm_a")).isOne();
    }
}
