package io.asyncorm.orm.model;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A customer with two embedded addresses; the second renames its columns. */
@Entity
@Table(name = "orm_customer")
public class Customer {

    @Id
    @GeneratedValue
    private Long id;

    private String name;

    @Embedded
    private Address home;

    @Embedded
    @AttributeOverride(name = "street", column = @Column(name = "work_street"))
    @AttributeOverride(name = "city", column = @Column(name = "work_city"))
    private Address work;

    protected Customer() {
    }

    public Customer(String name, Address home, Address work) {
        this.name = name;
        this.home = home;
        this.work = work;
    }

    public Long getId() {
        return this.id;
    }

    public Address getHome() {
        return this.home;
    }

    public Address getWork() {
        return this.work;
    }
}
