package io.asyncorm.orm.model;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToOne;
import jakarta.persistence.Table;
import java.util.UUID;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;

/** A badge: a UUID key and a one-to-one to its employee (the owning side, NOT NULL). */
@Entity
@Table(name = "orm_badge")
public class Badge {

    @Id
    @GeneratedValue(strategy = GenerationType.UUID)
    private UUID id;

    @OneToOne(optional = false)
    @JoinColumn(name = "employee_id")
    private Employee employee;

    protected Badge() {
    }

    public Badge(Employee employee) {
        this.employee = employee;
    }

    public UUID getId() {
        return this.id;
    }

    public Employee getEmployee() {
        return this.employee;
    }
}
