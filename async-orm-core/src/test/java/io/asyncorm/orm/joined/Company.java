package io.asyncorm.orm.joined;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.List;

/** A company: its employees are of every class of a JOINED hierarchy; its managers are found through a subclass's table. */
@Entity
@Table(name = "ij_company")
public class Company {

    @Id
    private Long id;

    private String name;

    @OneToMany(mappedBy = "company")
    @OrderBy("id")
    private List<Employee> employees = new ArrayList<>();

    @OneToMany(mappedBy = "managed")
    @OrderBy("id")
    private List<Manager> managers = new ArrayList<>();

    protected Company() {
    }

    public Company(long id, String name) {
        this.id = id;
        this.name = name;
    }

    public Long getId() {
        return this.id;
    }

    public List<Employee> getEmployees() {
        return this.employees;
    }

    public List<Manager> getManagers() {
        return this.managers;
    }
}
