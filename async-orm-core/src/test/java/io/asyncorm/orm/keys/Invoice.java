package io.asyncorm.orm.keys;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** A tenant-scoped key whose number is drawn from a sequence: the tenant is assigned, the number generated. */
@Entity
@Table(name = "ck_invoice")
@IdClass(InvoiceKey.class)
public class Invoice {

    @Id
    private String tenant;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "invoices")
    @SequenceGenerator(name = "invoices", sequenceName = "ck_invoice_numbers", initialValue = 1000)
    private Long number;

    private long cents;

    protected Invoice() {
    }

    public Invoice(String tenant, long cents) {
        this.tenant = tenant;
        this.cents = cents;
    }

    public String getTenant() {
        return this.tenant;
    }

    public Long getNumber() {
        return this.number;
    }
}
