package io.asyncorm.spring.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncorm.engine.AsyncEngine;
import io.asyncorm.exception.InvalidRequestError;
import io.asyncorm.orm.AsyncScopedSession;
import io.asyncorm.orm.AsyncSession;
import io.asyncorm.orm.Registry;
import io.asyncorm.orm.ScopeFunction;
import io.asyncorm.spring.testapp.Note;
import io.asyncorm.spring.testapp.NoteService;
import io.asyncorm.spring.testapp.StarterTestApplication;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * Acceptance 2 of the starter issue, written once and run on H2 and PostgreSQL: inside one @Transactional method
 * the scoped session and Spring's DatabaseClient share one connection and transaction, and the propagation
 * modes behave as Spring users expect.
 */
@SpringBootTest(classes = StarterTestApplication.class)
abstract class AbstractTransactionIntegrationTests {

    @Autowired
    NoteService service;

    @Autowired
    AsyncEngine engine;

    @Autowired
    Registry registry;

    @Autowired
    DatabaseClient client;

    @Autowired
    AsyncScopedSession scoped;

    @Autowired
    ReactiveTransactionManager transactionManager;

    @BeforeEach
    void schema() {
        this.engine.begin(conn -> this.registry.metadata().dropAll(conn, true).then(this.registry.metadata().createAll(conn)))
                .blockLast();
    }

    List<String> texts(String sql) {
        return this.client.sql(sql).map(row -> row.get(0, String.class)).all().collectList().block();
    }

    List<String> notes() {
        return texts("select text from starter_note order by id");
    }

    List<String> logs() {
        return texts("select message from starter_log order by id");
    }

    @Autowired
    io.asyncorm.spring.testapp.NoteRepository repository;

    @Test
    void repositoryErrorSignalsArriveAsDataAccessExceptions() {
        StepVerifier.create(this.scoped.inScope(this.repository.getOne(12345)).contextWrite(io.asyncorm.orm.ScopeFunction.newScope()))
                .verifyErrorSatisfies(error -> assertThat(error)
                        .isInstanceOf(org.springframework.dao.EmptyResultDataAccessException.class)
                        .hasCauseInstanceOf(io.asyncorm.exception.NoResultFound.class));
        assertThat(this.scoped.size()).isZero();
    }

    @Test
    void aGrammarErrorIsSpringsBadSqlGrammarExceptionAsDatabaseClientWouldThrowIt() {
        StepVerifier.create(this.scoped.inScope(this.repository.misspelledSql()).contextWrite(io.asyncorm.orm.ScopeFunction.newScope()))
                .verifyErrorSatisfies(error -> assertThat(error)
                        .isInstanceOfSatisfying(org.springframework.r2dbc.BadSqlGrammarException.class,
                                grammar -> assertThat(grammar.getSql()).isEqualTo("selct 1")));
        assertThat(this.scoped.size()).isZero();
    }

    @Test
    void theStarterReplacesBootsTransactionManager() {
        assertThat(this.transactionManager).isInstanceOf(AsyncOrmTransactionManager.class);
    }

    @Test
    void writesThroughTheSessionAndDatabaseClientCommitTogether() {
        StepVerifier.create(this.service.writeBoth("both")).verifyComplete();
        assertThat(notes()).containsExactly("both");
        assertThat(logs()).containsExactly("both");
        assertThat(this.scoped.size()).as("the transaction's own session is closed and dropped").isZero();
    }

    @Test
    void failingAfterBothWritesLeavesNeither() {
        StepVerifier.create(this.service.writeBothThenFail("gone")).verifyErrorMessage("failing after both writes");
        assertThat(notes()).isEmpty();
        assertThat(logs()).isEmpty();
        assertThat(this.scoped.size()).isZero();
    }

    @Test
    void nestedRollsBackOnlyItsOwnPart() {
        StepVerifier.create(this.service.outerWithFailingNested("outer", "nested")).verifyComplete();
        assertThat(notes()).containsExactly("outer");
        assertThat(logs()).containsExactly("outer");
    }

    @Test
    void aNestedTransactionThatSucceedsReleasesItsSavepointAndCommitsWithTheOuterOne() {
        StepVerifier.create(this.service.outerWithNested("outer", "nested")).verifyComplete();
        assertThat(notes()).containsExactlyInAnyOrder("outer", "nested");
        assertThat(logs()).containsExactlyInAnyOrder("outer", "nested");
    }

    /** @Transactional(readOnly = true) writes nothing: no autoflush before its queries, no flush at its end (JPA's MANUAL). */
    @Test
    void aReadOnlyTransactionWritesNothingOfWhatItChanged() {
        StepVerifier.create(this.service.outerWithNested("kept", "kept too")).verifyComplete();
        int id = Integer.parseInt(texts("select cast(id as varchar(20)) from starter_note where text = 'kept'").get(0));
        StepVerifier.create(this.service.changeInReadOnly(id, "changed")).expectNext("queried without autoflush").verifyComplete();
        assertThat(notes()).containsExactlyInAnyOrder("kept", "kept too");
    }

    @Test
    void requiresNewCommitsIndependently() {
        StepVerifier.create(this.service.outerFailsAfterRequiresNew("outer", "independent")).verifyErrorMessage("outer fails");
        assertThat(notes()).containsExactly("independent");
        assertThat(logs()).containsExactly("independent");
        assertThat(this.scoped.size()).isZero();
    }

    @Test
    void notSupportedRunsOnAnotherSessionThatIsClosedAfterwards() {
        AsyncSession[] sessions = this.service.sessionsAcrossNotSupported().block();
        assertThat(sessions[1]).isNotSameAs(sessions[0]);
        assertThat(this.scoped.size()).isZero();
    }

    @Test
    void committingTheSessionInsideATransactionIsRefusedAndRollsBack() {
        StepVerifier.create(this.service.commitInside("refused"))
                .verifyErrorSatisfies(error -> assertThat(error).isInstanceOf(InvalidRequestError.class)
                        .hasMessageContaining("managed by Spring's transaction manager"));
        assertThat(notes()).isEmpty();
        assertThat(this.scoped.size()).isZero();
    }

    @Test
    void transactionalOperatorCommitsAndRollsBackTheSameWay() {
        TransactionalOperator operator = TransactionalOperator.create(this.transactionManager);
        StepVerifier.create(operator.transactional(this.scoped.add(new Note("kept"))
                .then(this.client.sql("insert into starter_log (message) values ('kept')").then()))).verifyComplete();
        StepVerifier.create(operator.transactional(this.scoped.add(new Note("dropped"))
                .then(this.client.sql("insert into starter_log (message) values ('dropped')").then())
                .then(Mono.error(new IllegalStateException("no"))))).verifyErrorMessage("no");
        assertThat(notes()).containsExactly("kept");
        assertThat(logs()).containsExactly("kept");
        assertThat(this.scoped.size()).isZero();
    }

    @Test
    void twoTransactionsRunningAtOnceInOneRequestGetTwoSessions() {
        Mono<AsyncSession[]> sessions = this.scoped.current().flatMap(request -> Mono.zip(this.service.currentSessionHeld(),
                this.service.currentSessionHeld(), (first, second) -> new AsyncSession[] {request, first, second}));
        AsyncSession[] seen = Mono.from(this.scoped.inScope(sessions)).contextWrite(ScopeFunction.newScope()).block();
        assertThat(seen[1]).isNotSameAs(seen[2]);
        assertThat(seen[0]).as("one of them is the request's session").isIn(seen[1], seen[2]);
        assertThat(this.scoped.size()).isZero();
    }
}
