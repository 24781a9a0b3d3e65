package io.asyncorm.reliability.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;

/** One of each kind of column a string or bytes can land in, for the hostile-input suite. */
@Entity
@Table(name = "rel_specimen")
public class Specimen {

    /** An enum stored by name. */
    public enum Kind { PLAIN, ODD }

    @Id
    private Integer id;

    @Column(length = 5_000)
    private String label;

    @Lob
    private String body;

    @Column(length = 10)
    private String code;

    private Integer small;

    @Enumerated(EnumType.STRING)
    private Kind kind;

    private byte[] data;

    protected Specimen() {
    }

    public Specimen(Integer id, String label, String body, String code, Integer small, Kind kind, byte[] data) {
        this.id = id;
        this.label = label;
        this.body = body;
        this.code = code;
        this.small = small;
        this.kind = kind;
        this.data = data;
    }

    public Integer getId() {
        return this.id;
    }

    public String getLabel() {
        return this.label;
    }

    public void setLabel(String label) {
        this.label = label;
    }

    public String getBody() {
        return this.body;
    }

    public String getCode() {
        return this.code;
    }

    public Integer getSmall() {
        return this.small;
    }

    public Kind getKind() {
        return this.kind;
    }

    public byte[] getData() {
        return this.data;
    }
}
