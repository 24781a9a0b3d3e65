package io.asyncorm.orm.keys;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** A transfer of a tenant's account: a reference through a foreign key over both columns of the account's key. */
@Entity
@Table(name = "ck_transfer")
public class Transfer {

    @Id
    private Long id;

    private long cents;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "account_tenant", referencedColumnName = "tenant")
    @JoinColumn(name = "account_number", referencedColumnName = "number")
    private TenantAccount account;

    protected Transfer() {
    }

    public Transfer(long id, TenantAccount account, long cents) {
        this.id = id;
        this.account = account;
        this.cents = cents;
    }

    public Long getId() {
        return this.id;
    }

    public long getCents() {
        return this.cents;
    }

    public TenantAccount getAccount() {
        return this.account;
    }

    public void setAccount(TenantAccount account) {
        this.account = account;
    }
}
