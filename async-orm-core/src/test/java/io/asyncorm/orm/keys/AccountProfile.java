package io.asyncorm.orm.keys;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToOne;
import jakarta.persistence.Table;

/** One profile per tenant account: a one-to-one over both columns of the account's key, which together are unique. */
@Entity
@Table(name = "ck_profile")
public class AccountProfile {

    @Id
    private Long id;

    private String motto;

    @OneToOne
    private TenantAccount account;

    protected AccountProfile() {
    }

    public AccountProfile(long id, TenantAccount account, String motto) {
        this.id = id;
        this.account = account;
        this.motto = motto;
    }

    public TenantAccount getAccount() {
        return this.account;
    }
}
