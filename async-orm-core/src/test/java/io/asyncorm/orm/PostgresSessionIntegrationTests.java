package io.asyncorm.orm;

import static io.asyncorm.orm.Orm.select;
import static org.assertj.core.api.Assertions.assertThat;

import io.asyncorm.engine.AsyncEngine;
import io.asyncorm.engine.EngineOptions;
import io.asyncorm.engine.ExecutionOptions;
import io.asyncorm.orm.model.Account;
import io.asyncorm.orm.model.Account_;
import io.asyncorm.sql.Select;
import io.asyncorm.sql.Sql;
import io.asyncorm.testing.TestDatabases;
import io.r2dbc.spi.IsolationLevel;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The session lifecycle scenarios on PostgreSQL, and its deferred BEGIN for units of work that only read. */
class PostgresSessionIntegrationTests extends AbstractSessionIntegrationTests {

    private AsyncEngine observer;

    @Override
    protected String url() {
        return TestDatabases.postgres();
    }

    @Test
    void aUnitThatOnlyLoadsSendsNoBeginCommitOrRollbackAndHoldsNoTransactionOpen() {
        addAccounts();
        StepVerifier.create(this.maker.use(session -> session.get(Account.class, 1)
                        .then(session.list(select(Account.class).orderBy(Account_.id.column().asc())))
                        .flatMap(all -> inTransactionOnServer(session).map(open -> List.of(all.size(), open)))
                        .flatMap(result -> session.commit().thenReturn(result))))
                .expectNext(List.of(2, false)).verifyComplete();
        assertThat(this.echo.statements()).as("what went over the wire: the two loads and the test's pid probe").hasSize(3)
                .allMatch(line -> line.toUpperCase(java.util.Locale.ROOT).startsWith("SELECT"));
    }

    @Test
    void theFirstWriteSendsTheBeginSoRollbackUndoesIt() {
        addAccounts();
        StepVerifier.create(this.maker.use(session -> session.get(Account.class, 1)
                        .doOnNext(account -> account.setBalance(99))
                        .then(session.flush())
                        .then(inTransactionOnServer(session))
                        .flatMap(open -> session.rollback().thenReturn(open))))
                .expectNext(true).verifyComplete();
        assertThat(this.echo.statements()).containsExactly(this.echo.statements().get(0), "BEGIN (implicit)",
                this.echo.statements().get(2), this.echo.statements().get(3), "ROLLBACK");
        StepVerifier.create(this.maker.use(session -> session.get(Account.class, 1).map(Account::getBalance))).expectNext(10L).verifyComplete();
    }

    @Test
    void lockingReadsRawConnectionsOtherIsolationLevelsAndTheOptionOffSendBeginFirst() {
        addAccounts();
        Function<AsyncSession, Mono<Boolean>> lockingRead = session -> session.list(select(Account.class).forUpdate(Select.Lock.WAIT))
                .then(inTransactionOnServer(session));
        StepVerifier.create(this.maker.use(lockingRead)).expectNext(true).verifyComplete();
        StepVerifier.create(this.maker.use(session -> session.list(select(Account.class)).then(inTransactionOnServer(session))))
                .as("the same read without the lock").expectNext(false).verifyComplete();

        // A deferred BEGIN goes out before anyone works on the driver connection (Spring's DatabaseClient, say).
        StepVerifier.create(this.maker.use(session -> session.get(Account.class, 1).then(session.connection())
                        .flatMap(conn -> conn.getRawConnection())
                        .flatMap(raw -> Flux.concat(txid(raw), txid(raw)).collectList())
                        .map(ids -> ids.get(0).equals(ids.get(1)))))
                .expectNext(true).verifyComplete();

        for (EngineOptions options : List.of(EngineOptions.builder().deferBegin(false).build(),
                EngineOptions.builder().isolationLevel(IsolationLevel.REPEATABLE_READ).build())) {
            AsyncEngine other = AsyncEngine.create(url(), options);
            try {
                AsyncSessionMaker otherMaker = AsyncSessionMaker.builder(other, REGISTRY).build();
                StepVerifier.create(otherMaker.use(session -> session.get(Account.class, 1).then(inTransactionOnServer(session))))
                        .as(options.toString()).expectNext(true).verifyComplete();
            } finally {
                other.dispose().block();
            }
        }
    }

    private void addAccounts() {
        this.maker.begin(session -> {
            session.addAll(List.of(new Account(1, "ann", 10), new Account(2, "bob", 20)));
            return Mono.empty();
        }).blockLast();
        this.echo.clear();
    }

    /**
     * Whether the session's connection is inside a transaction, as the server reports it to another connection. The
     * backend's pid is read with a pure read, which does not send a deferred BEGIN itself.
     */
    private Mono<Boolean> inTransactionOnServer(AsyncSession session) {
        return session.connection()
                .flatMap(conn -> conn.execute(Sql.text("select pg_backend_pid()"), List.of(), ExecutionOptions.builder().pureRead(true).build()))
                .map(result -> result.<Integer>scalarOne())
                .flatMap(pid -> this.observer().connect(conn -> conn.<String>scalar(Sql.text("select state from pg_stat_activity where pid = :pid"),
                        Map.of("pid", pid))).single())
                .map(state -> state.orElse("").startsWith("idle in transaction"));
    }

    private AsyncEngine observer() {
        if (this.observer == null) {
            this.observer = AsyncEngine.create(url(), EngineOptions.builder().poolSize(1).build());
        }
        return this.observer;
    }

    @AfterEach
    void disposeObserver() {
        if (this.observer != null) {
            this.observer.dispose().block();
            this.observer = null;
        }
    }

    private static Mono<Long> txid(io.r2dbc.spi.Connection raw) {
        return Flux.from(raw.createStatement("select txid_current()").execute()).concatMap(result -> result.map(row -> row.get(0, Long.class)))
                .next();
    }

}
