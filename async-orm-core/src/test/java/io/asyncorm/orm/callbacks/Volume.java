package io.asyncorm.orm.callbacks;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** A volume on a shelf. */
@Entity
@Table(name = "orm_volume")
public class Volume {

    @Id
    private Integer id;

    private String title;

    @ManyToOne
    private Shelf shelf;

    protected Volume() {
    }

    public Volume(Integer id, String title, Shelf shelf) {
        this.id = id;
        this.title = title;
        this.shelf = shelf;
    }

    public Integer getId() {
        return this.id;
    }
}
