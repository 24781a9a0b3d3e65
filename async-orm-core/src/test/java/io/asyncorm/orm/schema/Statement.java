package io.asyncorm.orm.schema;

import jakarta.persistence.Basic;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Lob;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** A statement of an instrument, keyed by tenant and number, whose large body is deferred. */
@Entity
@Table(name = "es_statement")
@IdClass(StatementKey.class)
public class Statement {

    @Id
    public String tenant;

    @Id
    public Long number;

    @ManyToOne(optional = false)
    public Instrument instrument;

    @Lob
    @Basic(fetch = FetchType.LAZY)
    public String body;

    protected Statement() {
    }

    public Statement(String tenant, long number, Instrument instrument, String body) {
        this.tenant = tenant;
        this.number = number;
        this.instrument = instrument;
        this.body = body;
    }
}
