package io.asyncorm.orm.hierarchy;

import jakarta.persistence.DiscriminatorColumn;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Inheritance;
import jakarta.persistence.InheritanceType;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** The abstract root of a single-table hierarchy: one table, a {@code kind} column naming each row's class. */
@Entity
@Table(name = "ih_vehicle")
@Inheritance(strategy = InheritanceType.SINGLE_TABLE)
@DiscriminatorColumn(name = "kind")
public abstract class Vehicle {

    @Id
    private Long id;

    private String plate;

    @Version
    private int version;

    @ManyToOne(fetch = FetchType.LAZY)
    private Garage garage;

    protected Vehicle() {
    }

    protected Vehicle(long id, String plate, Garage garage) {
        this.id = id;
        this.plate = plate;
        this.garage = garage;
    }

    public Long getId() {
        return this.id;
    }

    public String getPlate() {
        return this.plate;
    }

    public Garage getGarage() {
        return this.garage;
    }
}
