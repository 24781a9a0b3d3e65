package io.asyncorm.orm.keys;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.List;

/** A student with the enrollments that refer to it. */
@Entity
@Table(name = "ck_student")
public class Student {

    @Id
    private Long id;

    private String name;

    @OneToMany(mappedBy = "student")
    @OrderBy
    private List<Enrollment> enrollments = new ArrayList<>();

    protected Student() {
    }

    public Student(long id, String name) {
        this.id = id;
        this.name = name;
    }

    public Long getId() {
        return this.id;
    }

    public String getName() {
        return this.name;
    }

    public List<Enrollment> getEnrollments() {
        return this.enrollments;
    }
}
