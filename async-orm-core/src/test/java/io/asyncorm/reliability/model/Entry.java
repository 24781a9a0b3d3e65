package io.asyncorm.reliability.model;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A journal line written by the same unit of work as a counter change, so a half-committed unit shows. */
@Entity
@Table(name = "rel_entry")
public class Entry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String note;

    protected Entry() {
    }

    public Entry(String note) {
        this.note = note;
    }

    public Long getId() {
        return this.id;
    }

    public String getNote() {
        return this.note;
    }
}
