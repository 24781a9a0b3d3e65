package io.asyncorm.orm.schema;

import jakarta.persistence.DiscriminatorColumn;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Inheritance;
import jakarta.persistence.InheritanceType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.util.LinkedHashSet;
import java.util.Set;

/** The root of a JOINED hierarchy, keyed from a sequence, labelled through a two-column association table. */
@Entity
@Table(name = "es_party")
@Inheritance(strategy = InheritanceType.JOINED)
@DiscriminatorColumn(name = "kind")
public abstract class Party {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "parties")
    @SequenceGenerator(name = "parties", sequenceName = "es_party_ids")
    public Long id;

    public String name;

    @Version
    public long version;

    @ManyToMany
    @JoinTable(name = "es_party_label", joinColumns = @JoinColumn(name = "party_id"),
            inverseJoinColumns = @JoinColumn(name = "label_code"))
    public Set<Label> labels = new LinkedHashSet<>();

    protected Party() {
    }

    protected Party(String name) {
        this.name = name;
    }
}
