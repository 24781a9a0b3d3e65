package io.asyncorm.orm.deferred;

import jakarta.persistence.Basic;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A document whose large body is deferred: entity queries leave it unloaded until it is fetched. */
@Entity
@Table(name = "df_document")
public class Document {

    @Id
    private Long id;

    private String title;

    @Lob
    @Basic(fetch = FetchType.LAZY)
    private String body;

    @Version
    private int version;

    protected Document() {
    }

    public Document(long id, String title, String body) {
        this.id = id;
        this.title = title;
        this.body = body;
    }

    public Long getId() {
        return this.id;
    }

    public String getTitle() {
        return this.title;
    }

    public void setTitle(String title) {
        this.title = title;
    }

    public String getBody() {
        return this.body;
    }

    public void setBody(String body) {
        this.body = body;
    }
}
