package io.asyncorm.spring.test.app;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/** A member with a unique e-mail address. */
@Entity
@Table(name = "aot_member")
public class Member {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private @Nullable Long id;

    @Column(unique = true, nullable = false)
    private String email;

    @SuppressWarnings("initialization")
    protected Member() {
    }

    public Member(String email) {
        this.email = email;
    }

    public @Nullable Long getId() {
        return this.id;
    }

    public String getEmail() {
        return this.email;
    }
}
