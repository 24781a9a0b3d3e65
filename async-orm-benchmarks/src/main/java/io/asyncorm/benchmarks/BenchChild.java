package io.asyncorm.benchmarks;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** A child row of {@link BenchParent}. */
@Entity
@Table(name = "bench_child")
public class BenchChild {

    @Id
    private Long id;

    private String name;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "parent_id")
    private BenchParent parent;

    /** For the ORM. */
    protected BenchChild() {
    }

    /**
     * A child as the raw arm builds it.
     *
     * @param id the key
     * @param name the name
     */
    public BenchChild(Long id, String name) {
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
     * The parent, once loaded (W4's eager arm loads it with selectinload).
     *
     * @return the parent
     */
    public BenchParent getParent() {
        return this.parent;
    }
}
