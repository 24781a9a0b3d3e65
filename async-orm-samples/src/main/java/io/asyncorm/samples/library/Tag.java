package io.asyncorm.samples.library;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/** A subject tag; books and tags are many-to-many. */
@Entity
@Table(name = "tag")
public class Tag {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private @Nullable Long id;

    @Column(unique = true, nullable = false)
    private String name;

    /** For the ORM, which sets the fields from the row. */
    @SuppressWarnings("initialization")
    protected Tag() {
    }

    /**
     * A new tag.
     *
     * @param name its unique name
     */
    public Tag(String name) {
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
}
