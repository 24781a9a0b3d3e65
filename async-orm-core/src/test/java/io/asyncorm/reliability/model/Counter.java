package io.asyncorm.reliability.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A named counter with an optimistic version: the fault suite's unit of work reads, increments and commits one. */
@Entity
@Table(name = "rel_counter")
public class Counter {

    @Id
    private Integer id;

    @Column(unique = true, length = 40, nullable = false)
    private String name;

    private long total;

    @Version
    private Integer version;

    protected Counter() {
    }

    public Counter(Integer id, String name) {
        this.id = id;
        this.name = name;
    }

    public Integer getId() {
        return this.id;
    }

    public String getName() {
        return this.name;
    }

    public long getTotal() {
        return this.total;
    }

    public void increment() {
        this.total++;
    }

    public Integer getVersion() {
        return this.version;
    }
}
