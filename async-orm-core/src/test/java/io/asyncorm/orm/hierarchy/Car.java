package io.asyncorm.orm.hierarchy;

import jakarta.persistence.DiscriminatorValue;
import jakarta.persistence.Entity;

/** A car: its own column, NULL in the other classes' rows. */
@Entity
@DiscriminatorValue("car")
public class Car extends Vehicle {

    private int seats;

    protected Car() {
    }

    public Car(long id, String plate, Garage garage, int seats) {
        super(id, plate, garage);
        this.seats = seats;
    }

    public int getSeats() {
        return this.seats;
    }

    public void setSeats(int seats) {
        this.seats = seats;
    }
}
