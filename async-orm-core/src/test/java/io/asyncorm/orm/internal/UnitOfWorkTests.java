package io.asyncorm.orm.internal;

import static io.asyncorm.testing.RecordingConnectionFactory.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.asyncorm.engine.AsyncEngine;
import io.asyncorm.engine.EngineOptions;
import io.asyncorm.exception.StaleDataError;
import io.asyncorm.orm.Registry;
import io.asyncorm.result.Row;
import io.asyncorm.result.RowKeys;
import io.asyncorm.testing.RecordingConnectionFactory.Answer;
import io.asyncorm.testing.RecordingConnectionFactory.Execution;
import io.asyncorm.testing.RecordingConnectionFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * The unit of work and the loader without a database: what a flush plans and sends (statements, their order,
 * their bindings) and what a selectin load asks, recorded by a {@link RecordingConnectionFactory} speaking
 * for PostgreSQL. The integration suites run the same code against real servers.
 */
class UnitOfWorkTests {

    static {
        Registry.of(UowAuthor.class, UowBook.class);
    }

    private final RecordingConnectionFactory database = RecordingConnectionFactory.of("PostgreSQL");

    private final AsyncEngine engine = AsyncEngine.create(this.database,
            EngineOptions.builder().poolEnabled(false).deferBegin(false).build());

    private final SessionState state = new SessionState(NoLoading.INSTANCE, type -> EntityMappings.of(type));

    @Test
    void insertsTheParentFirstThenItsChildrenInOneBatchCarryingItsKey() {
        UowAuthor author = new UowAuthor(1, "a");
        author.books().add(new UowBook(10, "t1", author));
        author.books().add(new UowBook(11, "t2", author));
        this.state.add(author);

        StepVerifier.create(flush()).verifyComplete();

        List<Execution> statements = statements();
        assertThat(statements).extracting(Execution::sql).containsExactly(
                "INSERT INTO uow_author (id, name, version) VALUES ($1, $2, $3)",
                "INSERT INTO uow_book (id, title, author_id) SELECT * FROM unnest($1::integer[], $2::varchar(255)[], $3::integer[])");
        assertThat(statements.get(0).binding()).containsExactly(entry(0, 1), entry(1, "a"), entry(2, 1));
        assertThat(array(statements.get(1), 0)).containsExactly(10, 11);
        assertThat(array(statements.get(1), 1)).containsExactly("t1", "t2");
        assertThat(array(statements.get(1), 2)).as("the children carry the parent's key").containsExactly(1, 1);
        assertThat(author.version()).as("a new versioned row starts at 1").isEqualTo(1);
        assertThat(UnitOfWork.hasChanges(this.state)).isFalse();
    }

    @Test
    void updatesOfTheSameColumnsGoInOneStatementThatChecksEachVersion() {
        UowAuthor first = load(UowAuthor.class, 1, "a", 1);
        UowAuthor second = load(UowAuthor.class, 2, "b", 4);
        first.rename("x");
        second.rename("y");

        StepVerifier.create(flush()).verifyComplete();

        Execution update = statements().get(0);
        assertThat(statements()).hasSize(1);
        assertThat(update.sql()).isEqualTo("UPDATE uow_author SET name = v.name, version = v.version FROM unnest($1::varchar(255)[], "
                + "$2::integer[], $3::integer[], $4::integer[]) AS v(name, version, pk__id, pk__version) "
                + "WHERE uow_author.id = v.pk__id AND uow_author.version = v.pk__version");
        assertThat(array(update, 0)).containsExactly("x", "y");
        assertThat(array(update, 1)).as("the new versions").containsExactly(2, 5);
        assertThat(array(update, 2)).containsExactly(1, 2);
        assertThat(array(update, 3)).as("the versions the rows must still have").containsExactly(1, 4);
        assertThat(List.of(first.version(), second.version())).containsExactly(2, 5);
    }

    @Test
    void aRowCountShortOfTheBatchIsAStaleDataError() {
        this.database.answer("UPDATE uow_author", execution -> Answer.updated(1));
        load(UowAuthor.class, 1, "a", 1).rename("x");
        load(UowAuthor.class, 2, "b", 1).rename("y");

        StepVerifier.create(flush()).expectErrorSatisfies(error -> assertThat(error).isInstanceOf(StaleDataError.class)
                .hasMessageContaining("table 'uow_author' expected to update 2 row(s); 1 were matched")).verify();
    }

    @Test
    void deletesGoChildrenFirstAndAVersionedRowIsDeletedOnlyAtItsVersion() {
        UowAuthor author = load(UowAuthor.class, 1, "a", 3);
        UowBook book = load(UowBook.class, 10, "t", 1);
        this.state.markDeleted(author);
        this.state.markDeleted(book);

        StepVerifier.create(flush()).verifyComplete();

        assertThat(statements()).extracting(Execution::sql).containsExactly(
                "DELETE FROM uow_book WHERE uow_book.id IN ($1)",
                "DELETE FROM uow_author WHERE uow_author.id = $1 AND uow_author.version = $2");
        assertThat(statements().get(1).binding()).containsExactly(entry(0, 1), entry(1, 3));
    }

    @Test
    void anUnchangedSessionSendsNothingNotEvenBegin() {
        UowAuthor author = load(UowAuthor.class, 1, "a", 1);
        author.rename("changed");
        author.rename("a");

        assertThat(UnitOfWork.hasChanges(this.state)).as("a value changed and changed back is no change").isFalse();
        StepVerifier.create(flush()).verifyComplete();
        assertThat(this.database.executions()).isEmpty();
    }

    @Test
    void aSelectinLoadAsksForTheCollectionsOfEveryOwnerInOneStatement() {
        UowAuthor first = load(UowAuthor.class, 1, "a", 1);
        UowAuthor second = load(UowAuthor.class, 2, "b", 1);
        this.database.answer("FROM uow_book", execution -> Answer.rows(List.of(
                row("id", 20, "title", "u", "author_id", 2), row("id", 21, "title", "v", "author_id", 2),
                row("id", 22, "title", "w", "author_id", 1))));
        RelationshipProperty books = EntityMappings.of(UowAuthor.class).relationship("books");

        StepVerifier.create(this.engine.connect(conn -> new EntityLoader(this.state).selectIn(mapping -> Mono.just(conn), books,
                List.of(first, second)))).expectNextCount(1).verifyComplete();

        assertThat(statements()).extracting(Execution::sql).containsExactly("SELECT uow_book.id, uow_book.title, uow_book.author_id "
                + "FROM uow_book WHERE uow_book.author_id = ANY($1::integer[])");
        assertThat(statements().get(0).binding()).containsExactly(entry(0, new Integer[] {1, 2}));
        assertThat(first.books()).hasSize(1);
        assertThat(second.books()).hasSize(2);
        assertThat(EntityLoader.isLoaded(first, books)).isTrue();
    }

    @Test
    void aLoadedForeignKeyWithoutAFieldIsTheRowsValueUntilAFlushSetsItApart() {
        UowBook book = load(UowBook.class, 10, "t", 1);
        EntityState state = this.state.stateOf(book);
        int authorId = state.mapping().indexOf(state.mapping().table().c("author_id"));

        assertThat(state.hidden(authorId)).as("read from the snapshot: no copy of its own").isEqualTo(1);
        assertThat(ChangeDetector.changed(state, ChangeDetector.current(state))).isEmpty();
        state.hidden(authorId, null);
        assertThat(ChangeDetector.changed(state, ChangeDetector.current(state))).containsExactly(authorId);
        @Nullable Object[] replaced = state.snapshot().clone();
        replaced[authorId] = 7;
        state.snapshot(replaced);
        assertThat(state.hidden(authorId)).as("a value set apart no longer follows the snapshot").isNull();
    }

    private Mono<Void> flush() {
        return this.engine.connect(conn -> UnitOfWork.flushNow(this.state, mapping -> Mono.just(conn),
                (phase, mapping, entities) -> Mono.empty())).then();
    }

    /** An object as a query would have loaded it: persistent, with its row as the snapshot. */
    private <T> T load(Class<T> type, Object... values) {
        EntityMapping<T> mapping = EntityMappings.of(type);
        List<String> names = new ArrayList<>();
        mapping.columns().forEach(column -> names.add(column.column().name()));
        return type.cast(new EntityLoader(this.state).entity(mapping, new Row(RowKeys.of(names), values), 0, false));
    }

    /** The statements sent, without the transaction commands around them. */
    private List<Execution> statements() {
        return this.database.executions().stream()
                .filter(execution -> !List.of("BEGIN", "COMMIT", "ROLLBACK").contains(execution.sql())).toList();
    }

    private static List<Object> array(Execution execution, int index) {
        return Arrays.asList((Object[]) execution.binding().get(index));
    }

    private static java.util.Map.Entry<Integer, Object> entry(int index, Object value) {
        return java.util.Map.entry(index, value);
    }
}
