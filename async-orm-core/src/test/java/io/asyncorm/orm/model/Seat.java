package io.asyncorm.orm.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A seat: a nullable unique position and a NOT NULL unique code, for unique values moving between rows. */
@Entity
@Table(name = "orm_seat")
public class Seat {

    @Id
    private Integer id;

    @Column(unique = true)
    private Integer position;

    @Column(unique = true, nullable = false, length = 10)
    private String code;

    protected Seat() {
    }

    public Seat(Integer id, Integer position, String code) {
        this.id = id;
        this.position = position;
        this.code = code;
    }

    public Integer getId() {
        return this.id;
    }

    public Integer getPosition() {
        return this.position;
    }

    public void setPosition(Integer position) {
        this.position = position;
    }

    public String getCode() {
        return this.code;
    }

    public void setCode(String code) {
        this.code = code;
    }
}
