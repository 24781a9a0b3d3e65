package io.asyncorm.orm.callbacks;

import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreRemove;
import jakarta.persistence.Table;

/** An entity with JPA lifecycle callbacks of its own, of its superclass and of a listener class. */
@Entity
@Table(name = "orm_memo")
@EntityListeners(MemoLog.class)
public class Memo extends Audited {

    @Id
    private Integer id;

    private String text;

    private String slug;

    @jakarta.persistence.Transient
    private boolean loaded;

    protected Memo() {
    }

    public Memo(Integer id, String text) {
        this.id = id;
        this.text = text;
    }

    @PrePersist
    private void makeSlug() {
        if (this.text == null || this.text.isBlank()) {
            throw new IllegalArgumentException("a memo needs text");
        }
        this.slug = this.text.toLowerCase().replace(' ', '-');
        this.calls.add("Memo.prePersist");
    }

    @PostPersist
    void persisted() {
        this.calls.add("Memo.postPersist");
    }

    @PreRemove
    void removing() {
        this.calls.add("Memo.preRemove");
    }

    @PostLoad
    void afterLoad() {
        this.loaded = true;
    }

    public Integer getId() {
        return this.id;
    }

    public String getSlug() {
        return this.slug;
    }

    public boolean isLoaded() {
        return this.loaded;
    }

    public void setText(String text) {
        this.text = text;
    }
}
