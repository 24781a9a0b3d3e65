package io.asyncorm.orm.callbacks;

import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import java.util.ArrayList;
import java.util.List;

/** A mapped superclass whose callbacks stamp a revision: its methods run before the subclass's. */
@MappedSuperclass
public abstract class Audited {

    private int revision;

    @jakarta.persistence.Transient
    public final List<String> calls = new ArrayList<>();

    @PrePersist
    void firstRevision() {
        this.revision = 1;
        this.calls.add("Audited.prePersist");
    }

    @PreUpdate
    void nextRevision() {
        this.revision++;
        this.calls.add("Audited.preUpdate");
    }

    public int getRevision() {
        return this.revision;
    }
}
