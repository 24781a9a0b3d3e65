package io.asyncorm.orm.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.Table;
import java.util.LinkedHashSet;
import java.util.Set;

/** A tag: the inverse (mappedBy) side of Post.tags, keyed by its name. */
@Entity
@Table(name = "orm_tag")
public class Tag {

    @Id
    @Column(length = 30)
    private String name;

    @ManyToMany(mappedBy = "tags")
    private Set<Post> posts = new LinkedHashSet<>();

    protected Tag() {
    }

    public Tag(String name) {
        this.name = name;
    }

    public String getName() {
        return this.name;
    }

    public Set<Post> getPosts() {
        return this.posts;
    }
}
