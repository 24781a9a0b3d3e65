package io.asyncorm.orm.replica;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row the replica tests write on the primary and read back. */
@Entity
@Table(name = "orm_replica_item")
public class Item {

    @Id
    private Integer id;

    private String name;

    protected Item() {
    }

    public Item(Integer id, String name) {
        this.id = id;
        this.name = name;
    }

    public Integer getId() {
        return this.id;
    }

    public String getName() {
        return this.name;
    }

    public void setName(String name) {
        this.name = name;
    }
}
