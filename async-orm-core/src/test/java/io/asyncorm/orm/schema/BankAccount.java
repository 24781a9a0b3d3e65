package io.asyncorm.orm.schema;

import jakarta.persistence.DiscriminatorValue;
import jakarta.persistence.Entity;

/** A bank account. */
@Entity
@DiscriminatorValue("account")
public class BankAccount extends Instrument {

    public String iban;

    protected BankAccount() {
    }

    public BankAccount(long id, Party holder, String iban) {
        super(id, holder);
        this.iban = iban;
    }
}
