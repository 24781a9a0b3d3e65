package io.asyncorm.reliability;

import static io.asyncorm.sql.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.asyncorm.engine.AsyncConnection;
import io.asyncorm.engine.AsyncEngine;
import io.asyncorm.exception.InvalidRequestError;
import io.asyncorm.exception.PendingRollbackError;
import io.asyncorm.exception.ResourceClosedError;
import io.asyncorm.orm.AsyncSession;
import io.asyncorm.orm.AsyncSessionMaker;
import io.asyncorm.orm.AsyncSessionTransaction;
import io.asyncorm.reliability.model.Counter;
import io.asyncorm.reliability.model.Entry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * Misuse: a session used from two pipelines at once, a transaction committed twice, a closed connection or
 * session, a result read twice. Each is a specific error with what to do, and nothing in the database or the
 * session is corrupted by it.
 */
abstract class AbstractMisuseTests {

    protected AsyncEngine engine;

    protected AsyncSessionMaker maker;

    /** The database under test. */
    protected abstract String url();

    @BeforeEach
    void schema() {
        this.engine = AsyncEngine.create(url());
        this.engine.begin(conn -> PostgresFaultSupport.REGISTRY.metadata().dropAll(conn, true)
                .then(PostgresFaultSupport.REGISTRY.metadata().createAll(conn))).blockLast();
        this.maker = AsyncSessionMaker.builder(this.engine, PostgresFaultSupport.REGISTRY).expireOnCommit(false).build();
        this.maker.begin(session -> {
            session.addAll(List.of(new Counter(1, "one"), new Counter(2, "two")));
            return Mono.empty();
        }).blockLast();
    }

    @AfterEach
    void drop() {
        this.engine.begin(conn -> PostgresFaultSupport.REGISTRY.metadata().dropAll(conn, true)).blockLast();
        this.engine.dispose().block();
    }

    @Test
    void aSessionUsedFromTwoPipelinesAtOnceRefusesTheSecondAndWritesNothingHalfWay() {
        // Each statement waits 50 ms first (without blocking a thread), so the first pipeline is certainly still
        // running when the second starts, on every database (H2's driver would otherwise finish it synchronously).
        Disposable slow = this.engine.events().beforeExecute(context -> Mono.delay(Duration.ofMillis(50)).then());
        try {
            AsyncSession session = this.maker.create();
            StepVerifier.create(Mono.zip(session.get(Counter.class, 1), session.get(Counter.class, 2)))
                    .expectErrorSatisfies(error -> assertThat(error).isInstanceOf(InvalidRequestError.class)
                            .hasMessageContaining("not safe for concurrent use").hasMessageContaining("give each concurrent branch its own session"))
                    .verify();
            // zip cancelled the first read when the second was refused; its statement may have been running, so the
            // session asks for a rollback before going on.
            StepVerifier.create(session.rollback()).verifyComplete();

            Counter one = session.get(Counter.class, 1).block();
            one.increment();
            session.add(new Entry("not half-written"));
            StepVerifier.create(Mono.zip(session.flush(), session.commit())).expectError(InvalidRequestError.class).verify();
            StepVerifier.create(session.commit().onErrorResume(PendingRollbackError.class, e -> session.rollback())).verifyComplete();
            assertThat(scalar("select total from rel_counter where id = 1") + scalar("select count(*) from rel_entry"))
                    .as("either both changes were committed or neither").isIn(0L, 2L);

            // The session goes on, and writes exactly what it is asked to.
            StepVerifier.create(session.rollback()).verifyComplete();
            long before = scalar("select total from rel_counter where id = 1");
            StepVerifier.create(session.get(Counter.class, 1).doOnNext(Counter::increment).then(session.commit()).then(session.close()))
                    .verifyComplete();
            assertThat(scalar("select total from rel_counter where id = 1")).isEqualTo(before + 1);
        } finally {
            slow.dispose();
        }
    }

    @Test
    void aTransactionCommittedTwiceIsRefusedInsteadOfCommittingLaterWork() {
        AsyncSession session = this.maker.create();
        AsyncSessionTransaction first = session.begin().block();
        session.add(new Entry("first"));
        StepVerifier.create(first.commit()).verifyComplete();

        // Later work in the same session must not be committed by the stale handle.
        session.add(new Entry("later, rolled back"));
        StepVerifier.create(first.commit()).expectErrorSatisfies(error -> assertThat(error).isInstanceOf(InvalidRequestError.class)
                .hasMessageContaining("This transaction is inactive")).verify();
        StepVerifier.create(first.rollback()).as("rolling back a finished handle does nothing").verifyComplete();
        assertThat(session.newObjects()).hasSize(1);
        StepVerifier.create(session.rollback().then(session.close())).verifyComplete();
        assertThat(scalar("select count(*) from rel_entry")).isEqualTo(1L);

        // The Core transaction says the same.
        StepVerifier.create(this.engine.connect(conn -> conn.begin().flatMap(tx -> tx.commit().then(tx.commit()))))
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOf(InvalidRequestError.class)
                        .hasMessageContaining("This transaction is inactive")).verify();
    }

    @Test
    void aClosedConnectionRefusesWorkAndAClosedSessionStartsAfresh() {
        AsyncConnection connection = this.engine.connect().block();
        StepVerifier.create(connection.close().then(connection.execute(text("select 1"))))
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOf(ResourceClosedError.class).hasMessageContaining("closed"))
                .verify();

        // SQLAlchemy's close() resets a session for reuse: what was pending is discarded, nothing is written.
        AsyncSession session = this.maker.create();
        session.add(new Entry("pending at close"));
        StepVerifier.create(session.close()).verifyComplete();
        assertThat(session.newObjects()).isEmpty();
        StepVerifier.create(session.get(Counter.class, 2).map(Counter::getName)).expectNext("two").verifyComplete();
        StepVerifier.create(session.close()).verifyComplete();
        assertThat(scalar("select count(*) from rel_entry")).isZero();
        assertThat(this.engine.poolStatus().acquired()).isZero();
    }

    @Test
    void aStreamedResultReadTwiceGivesNothingMoreAndAClosedOneSaysSo() {
        StepVerifier.create(this.engine.connect(conn -> conn.stream(text("select id from rel_counter order by id"))
                        .flatMap(result -> result.all().flatMap(first -> result.all().map(second -> List.of(first.size(), second.size()))))))
                .expectNext(List.of(2, 0)).verifyComplete();
        StepVerifier.create(this.engine.connect(conn -> conn.stream(text("select id from rel_counter order by id"))
                        .flatMap(result -> result.close().then(result.fetchOne()))))
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOf(ResourceClosedError.class)).verify();
        // A second reader while the first still reads is refused, not handed half the rows.
        StepVerifier.create(this.engine.connect(conn -> conn.stream(text("select id from rel_counter order by id"))
                        .flatMapMany(result -> result.rows().mergeWith(result.rows()))))
                .expectError(InvalidRequestError.class).verify();
        assertThat(this.engine.poolStatus().acquired()).isZero();
    }

    private long scalar(String sql) {
        Optional<Number> value = this.engine.connect(conn -> conn.<Number>scalar(text(sql))).single().block();
        return value.orElseThrow().longValue();
    }
}
