package io.asyncorm.orm.keys;

import jakarta.persistence.Embeddable;
import java.util.Objects;

/** The embedded key of {@link Enrollment}: both foreign keys of the association. */
@Embeddable
public class EnrollmentId {

    private Long studentId;

    private Long courseId;

    protected EnrollmentId() {
    }

    public EnrollmentId(long studentId, long courseId) {
        this.studentId = studentId;
        this.courseId = courseId;
    }

    public Long getStudentId() {
        return this.studentId;
    }

    public Long getCourseId() {
        return this.courseId;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EnrollmentId that && Objects.equals(this.studentId, that.studentId)
                && Objects.equals(this.courseId, that.courseId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(this.studentId, this.courseId);
    }
}
