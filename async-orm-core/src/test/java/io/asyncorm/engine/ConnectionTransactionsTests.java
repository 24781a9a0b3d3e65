package io.asyncorm.engine;

import static io.asyncorm.sql.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.asyncorm.testing.RecordingConnectionFactory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/**
 * The transaction commands a connection sends, without a database: recorded by a
 * {@link RecordingConnectionFactory} speaking for PostgreSQL. The integration suites check what servers do with them.
 */
class ConnectionTransactionsTests {

    private final RecordingConnectionFactory database = RecordingConnectionFactory.of("PostgreSQL");

    private AsyncEngine engine(EngineOptions.Builder options) {
        return AsyncEngine.create(this.database, options.poolEnabled(false).build());
    }

    @Test
    void savepointsNestInsideTheRootAndEachLevelEndsOnItsOwn() {
        AsyncEngine engine = engine(EngineOptions.builder());
        StepVerifier.create(engine.connect(conn -> conn.begin().flatMap(root -> conn.beginNested()
                .flatMap(outer -> conn.beginNested().flatMap(AsyncTransaction::rollback).then(outer.commit()))
                .then(root.commit())))).verifyComplete();
        assertThat(this.database.sql()).containsExactly("BEGIN", "SAVEPOINT sp_1", "SAVEPOINT sp_2", "ROLLBACK TO SAVEPOINT sp_2",
                "RELEASE SAVEPOINT sp_1", "COMMIT");
    }

    @Test
    void closingAConnectionInATransactionRollsItBack() {
        AsyncEngine engine = engine(EngineOptions.builder());
        StepVerifier.create(engine.connect(conn -> conn.execute(text("insert into t values (1)")))).expectNextCount(1).verifyComplete();
        assertThat(this.database.sql()).containsExactly("BEGIN", "insert into t values (1)", "ROLLBACK");
    }

    @Test
    void onPostgresBeginWaitsForTheFirstStatementThatIsNotAPureRead() {
        AsyncEngine engine = engine(EngineOptions.builder());
        ExecutionOptions pureRead = ExecutionOptions.builder().pureRead(true).build();
        StepVerifier.create(engine.connect(conn -> conn.execute(text("select 1"), List.of(), pureRead)
                .then(conn.execute(text("update t set v = 2"), List.<Map<String, ?>>of(), ExecutionOptions.none()))
                .then(conn.commit()))).verifyComplete();
        assertThat(this.database.sql()).containsExactly("select 1", "BEGIN", "update t set v = 2", "COMMIT");
    }

    @Test
    void aTransactionThatOnlyReadBeforeBeginSendsNeitherCommitNorRollback() {
        AsyncEngine engine = engine(EngineOptions.builder());
        ExecutionOptions pureRead = ExecutionOptions.builder().pureRead(true).build();
        StepVerifier.create(engine.connect(conn -> conn.execute(text("select 1"), List.of(), pureRead).then(conn.commit())))
                .verifyComplete();
        assertThat(this.database.sql()).containsExactly("select 1");
    }

    @Test
    void aReadOnlyConnectionBeginsReadOnlyAndCannotChangeIsolationInsideItsTransaction() {
        AsyncEngine engine = engine(EngineOptions.builder().deferBegin(false));
        ExecutionOptions readOnly = ExecutionOptions.builder().readOnly(true).build();
        StepVerifier.create(engine.connect(conn -> conn.executionOptions(readOnly).flatMap(ro -> ro.execute(text("select 1")))
                .then(conn.executionOptions(ExecutionOptions.builder().isolationLevel(io.r2dbc.spi.IsolationLevel.SERIALIZABLE).build())
                        .then())))
                .expectErrorSatisfies(error -> assertThat(error).hasMessageContaining("inside a transaction")).verify();
        assertThat(this.database.sql()).containsExactly("BEGIN READ ONLY", "select 1", "ROLLBACK");
    }

    @Test
    void aCommittedTransactionHandleRefusesASecondCommit() {
        AsyncEngine engine = engine(EngineOptions.builder());
        StepVerifier.create(engine.connect(conn -> conn.begin().flatMap(tx -> tx.commit().then(tx.commit()))))
                .expectErrorSatisfies(error -> assertThat(error).hasMessageContaining("inactive")).verify();
        assertThat(this.database.sql()).containsExactly("BEGIN", "COMMIT");
    }
}
