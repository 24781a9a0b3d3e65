package io.asyncorm.orm.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** AS-04's B: its a_id column is the foreign key A.bs writes. */
@Entity
@Table(name = "orm_b")
public class B {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Integer id;

    @Column(name = "a_id")
    private Integer aId;

    private String data;

    protected B() {
    }

    public B(String data) {
        this.data = data;
    }

    public Integer getId() {
        return this.id;
    }

    public Integer getAId() {
        return this.aId;
    }

    public String getData() {
        return this.data;
    }

    @Override
    public String toString() {
        return "B(" + this.id + ", " + this.data + ")";
    }
}
