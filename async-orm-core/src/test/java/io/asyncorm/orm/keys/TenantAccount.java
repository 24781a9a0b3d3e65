package io.asyncorm.orm.keys;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.util.ArrayList;
import java.util.List;

/** A tenant-scoped entity: its key is the tenant and a number unique within it, declared with an {@code @IdClass}. */
@Entity
@Table(name = "ck_account")
@IdClass(TenantAccountKey.class)
public class TenantAccount {

    @Id
    private String tenant;

    @Id
    private Long number;

    private String owner;

    @Version
    private int version;

    @OneToMany(mappedBy = "account")
    @OrderBy("id")
    private List<Transfer> transfers = new ArrayList<>();

    protected TenantAccount() {
    }

    public TenantAccount(String tenant, long number, String owner) {
        this.tenant = tenant;
        this.number = number;
        this.owner = owner;
    }

    public String getTenant() {
        return this.tenant;
    }

    public Long getNumber() {
        return this.number;
    }

    public String getOwner() {
        return this.owner;
    }

    public void setOwner(String owner) {
        this.owner = owner;
    }

    public List<Transfer> getTransfers() {
        return this.transfers;
    }

    public int getVersion() {
        return this.version;
    }
}
