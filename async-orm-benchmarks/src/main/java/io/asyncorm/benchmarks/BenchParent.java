package io.asyncorm.benchmarks;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.List;

/** A parent with ten children, for the selectin workload (W5). */
@Entity
@Table(name = "bench_parent")
public class BenchParent {

    @Id
    private Long id;

    private String name;

    @OneToMany(mappedBy = "parent")
    private List<BenchChild> children = new ArrayList<>();

    /** For the ORM. */
    protected BenchParent() {
    }

    /**
     * A parent as the raw arm builds it.
     *
     * @param id the key
     * @param name the name
     */
    public BenchParent(Long id, String name) {
        this.id = id;
        this.name = name;
    }

    /**
     * The key.
     *
     * @return the key
     */
    public Long getId() {
        return this.id;
    }

    /**
     * The children.
     *
     * @return the children
     */
    public List<BenchChild> getChildren() {
        return this.children;
    }
}
