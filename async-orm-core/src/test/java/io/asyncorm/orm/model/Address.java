package io.asyncorm.orm.model;

import jakarta.persistence.Embeddable;

/** An address, embedded in a customer's row. */
@Embeddable
public class Address {

    private String street;

    private String city;

    protected Address() {
    }

    public Address(String street, String city) {
        this.street = street;
        this.city = city;
    }

    public String getStreet() {
        return this.street;
    }

    public String getCity() {
        return this.city;
    }

    public void setCity(String city) {
        this.city = city;
    }
}
