package io.asyncorm.orm.hierarchy;

import jakarta.persistence.DiscriminatorValue;
import jakarta.persistence.Entity;
import jakarta.persistence.ManyToOne;

/** A truck, with a reference of its own: its column is NULL in the other classes' rows. */
@Entity
@DiscriminatorValue("truck")
public class Truck extends Vehicle {

    private Long payload;

    @ManyToOne
    private Garage depot;

    protected Truck() {
    }

    public Truck(long id, String plate, Garage garage, long payload) {
        super(id, plate, garage);
        this.payload = payload;
        this.depot = garage;
    }

    public Garage getDepot() {
        return this.depot;
    }

    public Long getPayload() {
        return this.payload;
    }
}
