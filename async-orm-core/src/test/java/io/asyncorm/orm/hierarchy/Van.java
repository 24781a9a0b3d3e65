package io.asyncorm.orm.hierarchy;

import jakarta.persistence.DiscriminatorValue;
import jakarta.persistence.Entity;

/** A van, a kind of truck: a query of trucks returns vans too. */
@Entity
@DiscriminatorValue("van")
public class Van extends Truck {

    private Boolean roofRack;

    protected Van() {
    }

    public Van(long id, String plate, Garage garage, long payload, boolean roofRack) {
        super(id, plate, garage, payload);
        this.roofRack = roofRack;
    }

    public Boolean getRoofRack() {
        return this.roofRack;
    }
}
