package io.asyncorm.orm.joined;

import jakarta.persistence.DiscriminatorValue;
import jakarta.persistence.Entity;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** A manager: its table holds its budget and a reference of its own (the company it manages). */
@Entity
@Table(name = "ij_manager")
@DiscriminatorValue("manager")
public class Manager extends Employee {

    private long budget;

    @ManyToOne
    private Company managed;

    protected Manager() {
    }

    public Manager(String name, Company company, long budget) {
        super(name, company);
        this.budget = budget;
        this.managed = company;
    }

    public long getBudget() {
        return this.budget;
    }

    public void setBudget(long budget) {
        this.budget = budget;
    }

    public Company getManaged() {
        return this.managed;
    }
}
