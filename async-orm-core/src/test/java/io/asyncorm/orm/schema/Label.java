package io.asyncorm.orm.schema;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A label parties carry, by its code. */
@Entity
@Table(name = "es_label")
public class Label {

    @Id
    public String code;

    protected Label() {
    }

    public Label(String code) {
        this.code = code;
    }
}
