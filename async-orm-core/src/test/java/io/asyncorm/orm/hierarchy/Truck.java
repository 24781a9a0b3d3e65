package io.asyncorm.orm.hierarchy;

import jakarta.persistence.DiscriminatorValue;
import jakarta.persistence.Entity;

/** A truck. */
@Entity
@DiscriminatorValue("truck")
public class Truck extends Vehicle {

    private Long payload;

    protected Truck() {
    }

    public Truck(long id, String plate, Garage garage, long payload) {
        super(id, plate, garage);
        this.payload = payload;
    }

    public Long getPayload() {
        return this.payload;
    }
}
