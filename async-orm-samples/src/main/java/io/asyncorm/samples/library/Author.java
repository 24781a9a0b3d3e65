package io.asyncorm.samples.library;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** An author and the books they wrote (loaded only when asked: {@code selectinload} or {@code AsyncAttrs.fetch}). */
@Entity
@Table(name = "author")
public class Author {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private @Nullable Long id;

    private String name;

    @OneToMany
    @JoinColumn(name = "author_id")
    private List<Book> books = new ArrayList<>();

    /** For the ORM, which sets the fields from the row. */
    @SuppressWarnings("initialization")
    protected Author() {
    }

    /**
     * A new author.
     *
     * @param name the author's name
     */
    public Author(String name) {
        this.name = name;
    }

    /** @return the id, null until flushed */
    public @Nullable Long getId() {
        return this.id;
    }

    /** @return the name */
    public String getName() {
        return this.name;
    }

    /** @return the books; load them first (unloaded collections refuse access) */
    public List<Book> getBooks() {
        return this.books;
    }
}
