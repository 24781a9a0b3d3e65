package io.asyncorm.engine;

import static io.asyncorm.sql.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.asyncorm.result.AsyncResult;
import io.asyncorm.result.Result;
import io.asyncorm.testing.TestDatabases;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * Proves with BlockHound that the engine never blocks a non-blocking thread: connect, autobegin,
 * executemany, buffered and streamed reads, savepoints, commit, rollback, close and dispose all run
 * on Reactor's parallel scheduler and the driver's event loop against PostgreSQL. Runs in its own JVM
 * (surefire execution {@code blockhound}).
 */
@Tag("blockhound")
class NonBlockingIntegrationTests {

    @BeforeAll
    static void installBlockHound() {
        BlockHound.install();
    }

    @Test
    void blockHoundIsActive() {
        // a planted blocking call (parking the thread), which BlockHound must report on a parallel thread
        StepVerifier.create(Mono.fromCallable(() -> {
            java.util.concurrent.locks.LockSupport.parkNanos(1_000);
            return 1;
        }).subscribeOn(Schedulers.parallel())).verifyError(BlockingOperationError.class);
    }

    @Test
    void theWholeEngineLifecycleRunsWithoutBlocking() {
        AsyncEngine engine = AsyncEngine.create(TestDatabases.postgres(), EngineOptions.builder().poolSize(2).fetchSize(50).build());
        String table = "nb_" + System.nanoTime();
        Mono<List<Long>> work = engine.begin(conn -> conn.execute(text("create table " + table + " (id integer primary key, name text)"))
                        .then(conn.execute(text("insert into " + table + " (id, name) values (:id, :name)"),
                                IntStream.rangeClosed(1, 500).mapToObj(i -> Map.of("id", i, "name", "n" + i)).toList()))
                        .then(conn.beginNested(sp -> conn.execute(text("insert into " + table + " (id, name) values (1, 'dup')")))
                                .then().onErrorResume(e -> Mono.empty())))
                .then(engine.connect(conn -> conn.stream(text("select id from " + table + " order by id"))
                        .flatMapMany(AsyncResult::rows).count()).single())
                .flatMap(streamed -> engine.connect(conn -> conn.execute(text("select count(*) from " + table))
                        .map(Result::<Long>scalarOne)).single().map(counted -> List.of(streamed, counted)))
                .flatMap(counts -> engine.begin(conn -> conn.execute(text("drop table " + table))).then(engine.dispose())
                        .thenReturn(counts))
                .subscribeOn(Schedulers.parallel());
        StepVerifier.create(work).assertNext(counts -> assertThat(counts).containsExactly(500L, 500L)).verifyComplete();
    }
}
