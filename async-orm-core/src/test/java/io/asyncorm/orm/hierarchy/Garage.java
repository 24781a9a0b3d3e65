package io.asyncorm.orm.hierarchy;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.List;

/** A garage whose vehicles are of several classes of one hierarchy. */
@Entity
@Table(name = "ih_garage")
public class Garage {

    @Id
    private Long id;

    private String name;

    @OneToMany(mappedBy = "garage")
    @OrderBy("id")
    private List<Vehicle> vehicles = new ArrayList<>();

    protected Garage() {
    }

    public Garage(long id, String name) {
        this.id = id;
        this.name = name;
    }

    public List<Vehicle> getVehicles() {
        return this.vehicles;
    }
}
