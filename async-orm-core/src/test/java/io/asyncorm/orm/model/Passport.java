package io.asyncorm.orm.model;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToOne;
import jakarta.persistence.Table;

/** A passport: the owning side of a one-to-one, a nullable unique person_id. */
@Entity
@Table(name = "orm_passport")
public class Passport {

    @Id
    private Integer id;

    private String number;

    @OneToOne
    @JoinColumn(name = "person_id")
    private Person person;

    protected Passport() {
    }

    public Passport(Integer id, String number, Person person) {
        this.id = id;
        this.number = number;
        this.person = person;
    }

    public Integer getId() {
        return this.id;
    }

    public Person getPerson() {
        return this.person;
    }

    public void setPerson(Person person) {
        this.person = person;
    }
}
