package io.asyncorm.orm.internal;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** A book for the unit-of-work unit tests: an assigned key and a many-to-one to its author. */
@Entity
@Table(name = "uow_book")
public class UowBook {

    @Id
    private Integer id;

    private String title;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "author_id")
    private UowAuthor author;

    protected UowBook() {
    }

    UowBook(Integer id, String title, UowAuthor author) {
        this.id = id;
        this.title = title;
        this.author = author;
    }

    void retitle(String title) {
        this.title = title;
    }
}
