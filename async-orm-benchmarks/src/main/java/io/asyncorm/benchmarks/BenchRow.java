package io.asyncorm.benchmarks;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The entity the workloads read and write: a generated key and two columns. Mapped for async-orm and Hibernate
 * Reactive (Jakarta Persistence) and for Spring Data R2DBC (its own annotations), to the same table.
 */
@Entity
@Table(name = "bench_orm")
@org.springframework.data.relational.core.mapping.Table("bench_orm")
public class BenchRow {

    @Id
    @org.springframework.data.annotation.Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(length = 100, nullable = false)
    private String name;

    private Integer score;

    /** For the ORM. */
    protected BenchRow() {
    }

    /**
     * A new row.
     *
     * @param name the name
     * @param score the score
     */
    public BenchRow(String name, Integer score) {
        this.name = name;
        this.score = score;
    }

    /**
     * The key.
     *
     * @return the generated key
     */
    public Long getId() {
        return this.id;
    }

    /**
     * Changes the score.
     *
     * @param score the new score
     */
    public void setScore(Integer score) {
        this.score = score;
    }

    /**
     * The name.
     *
     * @return the name
     */
    public String getName() {
        return this.name;
    }

    /**
     * The score.
     *
     * @return the score
     */
    public Integer getScore() {
        return this.score;
    }
}
