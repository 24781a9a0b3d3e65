package io.asyncorm.spring.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.asyncorm.testing.TestDatabases;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ValidationDepth;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The handles of a test transaction, on H2: savepoints for their transactions, closing, use after the test. */
class RollbackConnectionsTests {

    private final ConnectionFactory driver = ConnectionFactories.get(TestDatabases.h2());

    private final RollbackConnections connections = new RollbackConnections();

    private final ConnectionFactory factory = this.connections.wrap(this.driver);

    @BeforeEach
    void createTable() {
        run(this.driver, "CREATE TABLE item (name VARCHAR(20) PRIMARY KEY)");
        this.connections.begin().block(Duration.ofSeconds(10));
    }

    @AfterEach
    void endTest() {
        this.connections.end().block(Duration.ofSeconds(10));
    }

    @Test
    void betweenTestsTheFactoryHandsOutRealConnections() {
        this.connections.end().block(Duration.ofSeconds(10));
        Connection connection = Mono.from(this.factory.create()).block();
        assertThat(connection).isNotInstanceOf(JoinedConnection.class);
        Mono.from(connection.close()).block();
    }

    @Test
    void aHandlesCommitKeepsItsWorkInTheTestAndItsRollbackUndoesOnlyItsOwn() {
        Connection first = handle();
        StepVerifier.create(Mono.from(first.beginTransaction()).then(insert(first, "kept")).then(Mono.from(first.commitTransaction())))
                .verifyComplete();
        Connection second = handle();
        StepVerifier.create(Mono.from(second.beginTransaction()).then(insert(second, "undone"))
                .then(Mono.from(second.rollbackTransaction()))).verifyComplete();
        assertThat(second.isAutoCommit()).isTrue();
        assertThat(names()).isEqualTo(1L);
        this.connections.end().block(Duration.ofSeconds(10));
        assertThat(count(this.driver)).as("after the test").isZero();
    }

    @Test
    void closingAHandleRollsBackTheTransactionItLeftOpen() {
        Connection handle = handle();
        StepVerifier.create(Mono.from(handle.beginTransaction()).then(insert(handle, "left open"))
                .then(Mono.from(handle.close()))).verifyComplete();
        assertThat(names()).isZero();
        assertThatIllegalStateException().isThrownBy(() -> handle.createStatement("SELECT 1")).withMessage("This connection is closed");
    }

    @Test
    void aHandleStillOpenWhenTheTestEndsFailsClearlyAndClosesQuietly() {
        Connection handle = handle();
        this.connections.end().block(Duration.ofSeconds(10));
        assertThatIllegalStateException().isThrownBy(() -> handle.createStatement("SELECT 1"))
                .withMessageContaining("has ended and its transaction was rolled back");
        StepVerifier.create(handle.validate(ValidationDepth.LOCAL)).expectNext(false).verifyComplete();
        StepVerifier.create(handle.close()).verifyComplete();
    }

    @Test
    void twoTestsAtOnceInOneContextAreRefused() {
        StepVerifier.create(this.connections.begin()).expectErrorMessage("A test transaction is already running in this "
                + "context: test methods sharing one context cannot run at the same time (JUnit parallel execution)").verify();
    }

    @Test
    void aSecondFactoryInOneContextIsRefused() {
        assertThatIllegalStateException().isThrownBy(() -> this.connections.wrap(ConnectionFactories.get(TestDatabases.h2())))
                .withMessageContaining("rolls back the connections of one ConnectionFactory");
    }

    private Connection handle() {
        Connection connection = Mono.from(this.factory.create()).block();
        assertThat(connection).isInstanceOf(JoinedConnection.class);
        return connection;
    }

    private long names() {
        return count(this.factory);
    }

    private static long count(ConnectionFactory factory) {
        return Mono.usingWhen(factory.create(), connection -> Flux.from(connection.createStatement("SELECT count(*) FROM item")
                .execute()).concatMap(result -> result.map(row -> ((Number) row.get(0)).longValue())).next(),
                Connection::close).block(Duration.ofSeconds(10));
    }

    private static Mono<Void> insert(Connection connection, String name) {
        return Flux.from(connection.createStatement("INSERT INTO item VALUES ('" + name + "')").execute())
                .concatMap(result -> result.getRowsUpdated()).then();
    }

    private static void run(ConnectionFactory factory, String sql) {
        Mono.usingWhen(factory.create(), connection -> Flux.from(connection.createStatement(sql).execute())
                .concatMap(result -> result.getRowsUpdated()).then(), Connection::close).block(Duration.ofSeconds(10));
    }
}
