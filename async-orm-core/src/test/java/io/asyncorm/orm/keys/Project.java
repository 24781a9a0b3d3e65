package io.asyncorm.orm.keys;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.Table;
import java.util.LinkedHashSet;
import java.util.Set;

/** A tenant's project with member accounts: a join table of two composite keys (four columns, their primary key). */
@Entity
@Table(name = "ck_project")
@IdClass(ProjectKey.class)
public class Project {

    @Id
    private String tenant;

    @Id
    private String code;

    @ManyToMany
    private Set<TenantAccount> members = new LinkedHashSet<>();

    protected Project() {
    }

    public Project(String tenant, String code) {
        this.tenant = tenant;
        this.code = code;
    }

    public String getCode() {
        return this.code;
    }

    public Set<TenantAccount> getMembers() {
        return this.members;
    }
}
