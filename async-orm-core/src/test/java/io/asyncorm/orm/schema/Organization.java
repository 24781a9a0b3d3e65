package io.asyncorm.orm.schema;

import jakarta.persistence.DiscriminatorValue;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** An organization: a row in {@code es_party} and one in {@code es_organization}. */
@Entity
@Table(name = "es_organization")
@DiscriminatorValue("organization")
public class Organization extends Party {

    public String registration;

    protected Organization() {
    }

    public Organization(String name, String registration) {
        super(name);
        this.registration = registration;
    }
}
