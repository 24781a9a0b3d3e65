package io.asyncorm.orm.schema;

import jakarta.persistence.DiscriminatorValue;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A person: a row in {@code es_party} and one in {@code es_person}. */
@Entity
@Table(name = "es_person")
@DiscriminatorValue("person")
public class Person extends Party {

    public Integer birthYear;

    protected Person() {
    }

    public Person(String name, int birthYear) {
        super(name);
        this.birthYear = birthYear;
    }
}
