package io.asyncorm.orm.internal;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.util.ArrayList;
import java.util.List;

/** An author for the unit-of-work unit tests: an assigned key, a version column, books by their author_id. */
@Entity
@Table(name = "uow_author")
public class UowAuthor {

    @Id
    private Integer id;

    private String name;

    @Version
    private Integer version;

    @OneToMany(mappedBy = "author")
    private List<UowBook> books = new ArrayList<>();

    protected UowAuthor() {
    }

    UowAuthor(Integer id, String name) {
        this.id = id;
        this.name = name;
    }

    Integer id() {
        return this.id;
    }

    Integer version() {
        return this.version;
    }

    void rename(String name) {
        this.name = name;
    }

    List<UowBook> books() {
        return this.books;
    }
}
