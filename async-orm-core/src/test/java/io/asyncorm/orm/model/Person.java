package io.asyncorm.orm.model;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToOne;
import jakarta.persistence.Table;

/** A person with at most one passport: the inverse side of a one-to-one whose unique key is in the passport's row. */
@Entity
@Table(name = "orm_person")
public class Person {

    @Id
    private Integer id;

    private String name;

    @OneToOne(mappedBy = "person")
    private Passport passport;

    protected Person() {
    }

    public Person(Integer id, String name) {
        this.id = id;
        this.name = name;
    }

    public Integer getId() {
        return this.id;
    }

    public Passport getPassport() {
        return this.passport;
    }

    public void setPassport(Passport passport) {
        this.passport = passport;
    }
}
