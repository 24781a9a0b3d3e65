package io.asyncorm.orm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncorm.dialect.Dialect;
import io.asyncorm.orm.Registry;
import io.asyncorm.sql.Column;
import io.asyncorm.sql.CompiledStatement;
import io.asyncorm.sql.Select;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The IN queries of relationship loads: one statement object per shape, the keys bound by name. */
class InListsTests {

    static {
        Registry.of(UowAuthor.class, UowBook.class);
    }

    private final EntityMapping<UowBook> books = EntityMappings.of(UowBook.class);

    private final List<Column<?>> authorId = List.of(this.books.table().c("author_id"));

    @Test
    void aShapeIsOneStatementObjectRenderedOnceAndItsKeysAreParameters() {
        Select two = InLists.select(this.books, this.books::loadSelect, this.authorId, 2);

        assertThat(InLists.select(this.books, this.books::loadSelect, this.authorId, 2)).as("the same shape").isSameAs(two);
        assertThat(InLists.select(this.books, this.books::loadSelect, this.authorId, 3)).isNotSameAs(two);
        CompiledStatement compiled = two.compile(Dialect.forName("postgresql"));
        assertThat(compiled.sql()).as("one array on PostgreSQL").isEqualTo("SELECT uow_book.id, uow_book.title, uow_book.author_id "
                + "FROM uow_book WHERE uow_book.author_id = ANY($1::integer[])");
        Map<String, ?> parameters = InLists.parameters(this.authorId, List.of(7, 8));
        assertThat(compiled.positionalValues(parameters)).containsExactly((Object) new Integer[] {7, 8});
        CompiledStatement h2 = two.compile(Dialect.forName("h2"));
        assertThat(h2.sql()).endsWith("WHERE uow_book.author_id IN ($1, $2)");
        assertThat(h2.positionalValues(parameters)).containsExactly(7, 8);
        assertThat(two.compile(Dialect.forName("mariadb")).positionalValues(parameters)).containsExactly(7, 8);
    }

    @Test
    void aKeyOfSeveralColumnsIsMatchedPairwise() {
        List<Column<?>> columns = List.of(this.books.table().c("id"), this.books.table().c("author_id"));
        Select select = InLists.select(this.books, this.books::loadSelect, columns, 2);

        CompiledStatement compiled = select.compile(Dialect.forName("postgresql"));
        assertThat(compiled.sql()).endsWith("WHERE (uow_book.id = $1 AND uow_book.author_id = $2) OR (uow_book.id = $3 AND uow_book.author_id = $4)");
        Map<String, ?> parameters = InLists.parameters(columns, List.of(List.of(1, 2), List.of(3, 4)));
        assertThat(compiled.positionalValues(parameters)).containsExactly(1, 2, 3, 4);
    }
}
