package io.asyncorm.orm.model;

import io.asyncorm.orm.mapping.ServerDefault;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/** AS-04's A: a server-default creation time and a one-to-many to B through B's a_id column. */
@Entity
@Table(name = "orm_a")
public class A {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Integer id;

    private String data;

    @ServerDefault("CURRENT_TIMESTAMP")
    private LocalDateTime createDate;

    @OneToMany(cascade = CascadeType.ALL, orphanRemoval = true)
    @JoinColumn(name = "a_id")
    private List<B> bs = new ArrayList<>();

    protected A() {
    }

    public A(String data, List<B> bs) {
        this.data = data;
        this.bs = new ArrayList<>(bs);
    }

    public Integer getId() {
        return this.id;
    }

    public String getData() {
        return this.data;
    }

    public void setData(String data) {
        this.data = data;
    }

    public LocalDateTime getCreateDate() {
        return this.createDate;
    }

    public List<B> getBs() {
        return this.bs;
    }

    /** @param bs the children; null leaves the collection never assigned (SQLAlchemy's lazy loader gotcha) */
    public void setBs(List<B> bs) {
        this.bs = bs;
    }

    @Override
    public String toString() {
        return "A(" + this.id + ", " + this.data + ")";
    }
}
