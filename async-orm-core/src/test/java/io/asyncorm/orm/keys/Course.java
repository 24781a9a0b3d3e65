package io.asyncorm.orm.keys;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A course. */
@Entity
@Table(name = "ck_course")
public class Course {

    @Id
    private Long id;

    private String title;

    protected Course() {
    }

    public Course(long id, String title) {
        this.id = id;
        this.title = title;
    }

    public Long getId() {
        return this.id;
    }

    public String getTitle() {
        return this.title;
    }
}
