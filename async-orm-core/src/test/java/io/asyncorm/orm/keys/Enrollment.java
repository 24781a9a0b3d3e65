package io.asyncorm.orm.keys;

import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/**
 * An association object with a two-column key, both parts foreign keys: the key is written from {@link #id}, the
 * references read the same columns.
 */
@Entity
@Table(name = "ck_enrollment")
public class Enrollment {

    @EmbeddedId
    private EnrollmentId id;

    private int grade;

    @ManyToOne
    @JoinColumn(name = "student_id")
    private Student student;

    @ManyToOne
    @JoinColumn(name = "course_id")
    private Course course;

    protected Enrollment() {
    }

    public Enrollment(Student student, Course course, int grade) {
        this.id = new EnrollmentId(student.getId(), course.getId());
        this.student = student;
        this.course = course;
        this.grade = grade;
    }

    public EnrollmentId getId() {
        return this.id;
    }

    public int getGrade() {
        return this.grade;
    }

    public void setGrade(int grade) {
        this.grade = grade;
    }

    public Student getStudent() {
        return this.student;
    }

    public Course getCourse() {
        return this.course;
    }
}
