package io.asyncorm.orm.joined;

import jakarta.persistence.DiscriminatorValue;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.PrimaryKeyJoinColumn;
import jakarta.persistence.Table;

/**
 * A director, a manager's subclass: a third table, whose key column is named by {@code @PrimaryKeyJoinColumn}, with a
 * lazy reference of its own.
 */
@Entity
@Table(name = "ij_director")
@DiscriminatorValue("director")
@PrimaryKeyJoinColumn(name = "director_id")
public class Director extends Manager {

    private String car;

    @ManyToOne(fetch = FetchType.LAZY)
    private Company board;

    protected Director() {
    }

    public Director(String name, Company company, long budget, String car, Company board) {
        super(name, company, budget);
        this.car = car;
        this.board = board;
    }

    public Company getBoard() {
        return this.board;
    }

    public String getCar() {
        return this.car;
    }

    public void setCar(String car) {
        this.car = car;
    }
}
