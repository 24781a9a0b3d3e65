package io.asyncorm.orm.joined;

import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.DiscriminatorValue;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Table;

/** An engineer: a row of its own table beside the root's, with a NOT NULL column and a deferred large one. */
@Entity
@Table(name = "ij_engineer")
@DiscriminatorValue("engineer")
public class Engineer extends Employee {

    @Column(nullable = false)
    private String language;

    @Basic(fetch = FetchType.LAZY)
    @Column(length = 4000)
    private String resume;

    protected Engineer() {
    }

    public Engineer(String name, Company company, String language, String resume) {
        super(name, company);
        this.language = language;
        this.resume = resume;
    }

    public String getLanguage() {
        return this.language;
    }

    public void setLanguage(String language) {
        this.language = language;
    }

    public String getResume() {
        return this.resume;
    }
}
