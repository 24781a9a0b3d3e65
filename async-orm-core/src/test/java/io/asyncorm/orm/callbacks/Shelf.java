package io.asyncorm.orm.callbacks;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.List;

/** A shelf whose volumes load ordered by title, then newest id first. */
@Entity
@Table(name = "orm_shelf")
public class Shelf {

    @Id
    private Integer id;

    @OneToMany(mappedBy = "shelf")
    @OrderBy("title ASC, id DESC")
    private List<Volume> volumes = new ArrayList<>();

    protected Shelf() {
    }

    public Shelf(Integer id) {
        this.id = id;
    }

    public List<Volume> getVolumes() {
        return this.volumes;
    }
}
