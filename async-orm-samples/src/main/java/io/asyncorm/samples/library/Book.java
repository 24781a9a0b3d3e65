package io.asyncorm.samples.library;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.util.LinkedHashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** A book: its author, its tags, the copies on the shelf, and a version for optimistic locking. */
@Entity
@Table(name = "book")
public class Book {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private @Nullable Long id;

    private String title;

    @Column(unique = true, nullable = false)
    private String isbn;

    private int copies;

    @ManyToOne(optional = false)
    @JoinColumn(name = "author_id")
    private Author author;

    @ManyToMany
    @JoinTable(name = "book_tag", joinColumns = @JoinColumn(name = "book_id"), inverseJoinColumns = @JoinColumn(name = "tag_id"))
    private Set<Tag> tags = new LinkedHashSet<>();

    @Version
    private @Nullable Integer version;

    /** For the ORM, which sets the fields from the row. */
    @SuppressWarnings("initialization")
    protected Book() {
    }

    /**
     * A new book.
     *
     * @param title the title
     * @param isbn the unique ISBN
     * @param copies copies the library owns
     * @param author the author
     */
    public Book(String title, String isbn, int copies, Author author) {
        this.title = title;
        this.isbn = isbn;
        this.copies = copies;
        this.author = author;
    }

    /** @return the id, null until flushed */
    public @Nullable Long getId() {
        return this.id;
    }

    /** @return the title */
    public String getTitle() {
        return this.title;
    }

    /** @param title the new title */
    public void setTitle(String title) {
        this.title = title;
    }

    /** @return the ISBN */
    public String getIsbn() {
        return this.isbn;
    }

    /** @return copies on the shelf */
    public int getCopies() {
        return this.copies;
    }

    /** @param copies copies on the shelf */
    public void setCopies(int copies) {
        this.copies = copies;
    }

    /** @return the author (a placeholder until loaded) */
    public Author getAuthor() {
        return this.author;
    }

    /** @return the tags; load them first */
    public Set<Tag> getTags() {
        return this.tags;
    }

    /** @return the version the row had when loaded or last flushed */
    public @Nullable Integer getVersion() {
        return this.version;
    }
}
