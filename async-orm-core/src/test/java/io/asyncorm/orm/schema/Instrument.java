package io.asyncorm.orm.schema;

import jakarta.persistence.DiscriminatorColumn;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Inheritance;
import jakarta.persistence.InheritanceType;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** The root of a single-table hierarchy of payment instruments, each held by a party of the JOINED hierarchy. */
@Entity
@Table(name = "es_instrument")
@Inheritance(strategy = InheritanceType.SINGLE_TABLE)
@DiscriminatorColumn(name = "kind")
public abstract class Instrument {

    @Id
    public Long id;

    @ManyToOne(optional = false)
    public Party holder;

    protected Instrument() {
    }

    protected Instrument(long id, Party holder) {
        this.id = id;
        this.holder = holder;
    }
}
