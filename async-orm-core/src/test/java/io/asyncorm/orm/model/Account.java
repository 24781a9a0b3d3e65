package io.asyncorm.orm.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** An account with an optimistic-locking version and a unique owner name. */
@Entity
@Table(name = "orm_account")
public class Account {

    @Id
    private Integer id;

    @Column(unique = true, length = 40)
    private String owner;

    private long balance;

    @Version
    private Integer version;

    protected Account() {
    }

    public Account(Integer id, String owner, long balance) {
        this.id = id;
        this.owner = owner;
        this.balance = balance;
    }

    public Integer getId() {
        return this.id;
    }

    public String getOwner() {
        return this.owner;
    }

    public long getBalance() {
        return this.balance;
    }

    public void setBalance(long balance) {
        this.balance = balance;
    }

    public Integer getVersion() {
        return this.version;
    }
}
