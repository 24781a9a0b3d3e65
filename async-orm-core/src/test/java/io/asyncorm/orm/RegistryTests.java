package io.asyncorm.orm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncorm.exception.MappingError;
import io.asyncorm.exception.UnmappedClassError;
import io.asyncorm.sql.Table;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Temporal;
import jakarta.persistence.TemporalType;
import jakarta.persistence.Transient;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Mapping rules and the errors of bad mappings, which fail when the registry is built, naming class and field. */
class RegistryTests {

    @Entity
    static class Author {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        Long id;

        @Column(length = 80, nullable = false)
        String fullName;

        transient String cache;

        @Transient
        String computed;

        @OneToMany(mappedBy = "author")
        List<Book> books = new ArrayList<>();
    }

    @Entity
    static class Book {
        @Id
        Long id;

        String title;

        @ManyToOne
        Author author;
    }

    @Test
    void namesAreSnakeCaseAndRelationshipsAddForeignKeys() {
        Registry registry = Registry.of(Author.class, Book.class);
        Table authors = registry.mapper(Author.class).table();
        Table books = registry.mapper(Book.class).table();
        assertThat(authors.name()).isEqualTo("author");
        assertThat(authors.columns()).extracting(c -> c.name()).containsExactly("id", "full_name");
        assertThat(authors.c("full_name").isNullable()).isFalse();
        assertThat(books.columns()).extracting(c -> c.name()).containsExactly("id", "title", "author_id");
        assertThat(books.foreignKeys()).singleElement().satisfies(fk -> assertThat(fk.targetTableName()).isEqualTo("author"));
        assertThat(registry.metadata().sortedTables()).extracting(Table::name).containsExactly("author", "book");
        assertThat(registry.mapper(Author.class).relationships()).containsExactly("books");
        assertThat(Registry.of(Author.class, Book.class).mapper(Book.class).table()).isSameAs(books);
    }

    @Test
    void aClassOutsideTheRegistryIsRefusedByTheSession() {
        Registry registry = Registry.of(Author.class, Book.class);
        assertThatThrownBy(() -> registry.mapper(String.class)).isInstanceOf(UnmappedClassError.class)
                .hasMessageContaining("java.lang.String is not in this Registry");
    }

    static class NotAnEntity {
        @Id
        Long id;
    }

    @Entity
    static class NoId {
        String name;
    }

    @Entity
    static class Orphan {
        @Id
        Long id;

        @ManyToOne
        NotAnEntity target;
    }

    @Entity
    static class WrongMappedBy {
        @Id
        Long id;

        @OneToMany(mappedBy = "owner")
        List<Book> books;
    }

    @Entity
    static class Unsupported {
        @Id
        Long id;

        @ElementCollection
        List<String> tags;
    }

    @Entity
    @SuppressWarnings("deprecation")
    static class LegacyDate {
        @Id
        Long id;

        @Temporal(TemporalType.DATE)
        Date when;
    }

    @Entity
    static class Callback {
        @Id
        Long id;

        @jakarta.persistence.Column(name = "name")
        String getName() {
            return "property access";
        }
    }

    @Entity
    static class UnknownType {
        @Id
        Long id;

        StringBuilder text;
    }

    @Entity
    static class NoJoinColumn {
        @Id
        Long id;

        @OneToMany
        List<Book> books;
    }

    @Entity
    static class BadJoinType {
        @Id
        Long id;

        @Column(name = "author_id")
        String authorRef;

        @ManyToOne
        @JoinColumn(name = "author_id")
        Author author;
    }

    @Test
    void badMappingsFailAtBuildTimeNamingClassAndField() {
        assertThatThrownBy(() -> Registry.of(NotAnEntity.class)).isInstanceOf(MappingError.class)
                .hasMessageContaining(NotAnEntity.class.getName() + " is not annotated @Entity");
        assertThatThrownBy(() -> Registry.of(NoId.class)).isInstanceOf(MappingError.class)
                .hasMessageContaining(NoId.class.getName() + " has no @Id field");
        assertThatThrownBy(() -> Registry.of(Orphan.class)).isInstanceOf(MappingError.class)
                .hasMessageContaining(Orphan.class.getName() + ".target: relationship to " + NotAnEntity.class.getName()
                        + ", which is not in the Registry");
        assertThatThrownBy(() -> Registry.of(WrongMappedBy.class, Book.class, Author.class)).isInstanceOf(MappingError.class)
                .hasMessageContaining(WrongMappedBy.class.getName() + ".books: mappedBy = \"owner\"")
                .hasMessageContaining("Book has no relationship field of that name");
        assertThatThrownBy(() -> Registry.of(Unsupported.class)).isInstanceOf(MappingError.class)
                .hasMessageContaining(Unsupported.class.getName() + ".tags: @ElementCollection is not supported");
        assertThatThrownBy(() -> Registry.of(LegacyDate.class)).isInstanceOf(MappingError.class)
                .hasMessageContaining(LegacyDate.class.getName() + ".when: @Temporal is not supported");
        assertThatThrownBy(() -> Registry.of(Callback.class)).isInstanceOf(MappingError.class)
                .hasMessageContaining(Callback.class.getName() + ".getName(): @Column on a method is not supported");
        assertThatThrownBy(() -> Registry.of(UnknownType.class)).isInstanceOf(MappingError.class)
                .hasMessageContaining(UnknownType.class.getName() + ".text: no column type for java.lang.StringBuilder");
        assertThatThrownBy(() -> Registry.of(NoJoinColumn.class, Book.class, Author.class)).isInstanceOf(MappingError.class)
                .hasMessageContaining(NoJoinColumn.class.getName() + ".books: a @OneToMany without mappedBy needs a @JoinColumn");
        assertThatThrownBy(() -> Registry.of(BadJoinType.class, Author.class, Book.class)).isInstanceOf(MappingError.class)
                .hasMessageContaining(BadJoinType.class.getName() + ".author: join column 'author_id' is also mapped by field authorRef");
    }

    @Entity(name = "Author")
    @jakarta.persistence.Table(name = "author")
    static class OtherAuthor {
        @Id
        Long id;
    }

    @Test
    void aClassMapsToOneTableWhateverTheRegistry() {
        Registry.of(Author.class, Book.class);
        assertThatThrownBy(() -> Registry.of(Book.class, OtherAuthor.class)).isInstanceOf(MappingError.class);
    }

    static class PairKey {
        Long left;

        String right;
    }

    @Entity
    @jakarta.persistence.IdClass(PairKey.class)
    static class WrongIdClass {
        @Id
        Long left;

        @Id
        Long right;
    }

    @Entity
    static class GeneratedPart {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        Long id;

        @Id
        String tenant;
    }

    @Entity
    @jakarta.persistence.IdClass(PairKey.class)
    static class Pair {
        @Id
        Long left;

        @Id
        String right;
    }

    @Entity
    static class PairUser {
        @Id
        Long id;

        @jakarta.persistence.OneToOne
        Pair pair;
    }

    @Entity
    static class HalfJoin {
        @Id
        Long id;

        @ManyToOne
        @JoinColumn(name = "pair_left", referencedColumnName = "left")
        Pair pair;
    }

    @Test
    void compositeKeysAreCheckedWhenTheRegistryIsBuilt() {
        assertThat(Registry.of(Pair.class).metadata().table("pair").orElseThrow().primaryKey()).extracting(io.asyncorm.sql.Column::name)
                .containsExactly("left", "right");
        assertThatThrownBy(() -> Registry.of(WrongIdClass.class)).isInstanceOf(MappingError.class)
                .hasMessageContaining("@IdClass PairKey needs a field right of type Long");
        assertThatThrownBy(() -> Registry.of(GeneratedPart.class)).isInstanceOf(MappingError.class)
                .hasMessageContaining(GeneratedPart.class.getName() + ".id: a generated part of a composite key is drawn from a "
                        + "SEQUENCE or is a UUID");
        assertThat(Registry.of(PairUser.class, Pair.class).metadata().table("pair_user").orElseThrow().uniqueConstraints())
                .as("a one-to-one to a composite key: its join columns together are unique")
                .extracting(io.asyncorm.sql.UniqueConstraint::columns).containsExactly(List.of("pair_left", "pair_right"));
        assertThatThrownBy(() -> Registry.of(HalfJoin.class, Pair.class)).isInstanceOf(MappingError.class)
                .hasMessageContaining(HalfJoin.class.getName() + ".pair: Pair has the composite key [left, right]; declare one "
                        + "@JoinColumn(name, referencedColumnName) per key column");
    }
}
