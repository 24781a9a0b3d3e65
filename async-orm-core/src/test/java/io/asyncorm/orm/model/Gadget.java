package io.asyncorm.orm.model;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/** Every mapped value kind in one row: enums both ways, a converter, decimals, dates, text, bytes. */
@Entity
@Table(name = "orm_gadget")
public class Gadget {

    /** A colour, stored by name or by position. */
    public enum Colour { RED, GREEN, BLUE }

    /** Stores a list of tags as one comma-separated string. */
    public static class TagsConverter implements AttributeConverter<List<String>, String> {

        @Override
        public String convertToDatabaseColumn(List<String> tags) {
            return String.join(",", tags);
        }

        @Override
        public List<String> convertToEntityAttribute(String text) {
            return text.isEmpty() ? List.of() : List.of(text.split(","));
        }
    }

    @Id
    private Integer id;

    @Enumerated(EnumType.STRING)
    private Colour named;

    @Enumerated
    private Colour ordinal;

    @Convert(converter = TagsConverter.class)
    private List<String> tags;

    @Column(precision = 10, scale = 3)
    private BigDecimal price;

    private LocalDate made;

    private LocalDateTime seen;

    @Lob
    private String manual;

    private byte[] blob;

    private boolean active;

    @Column(updatable = false)
    private String serial;

    @Column(insertable = false)
    private String note;

    protected Gadget() {
    }

    public Gadget(Integer id, Colour colour, List<String> tags, BigDecimal price, LocalDate made, LocalDateTime seen, String manual,
            byte[] blob, String serial) {
        this.id = id;
        this.named = colour;
        this.ordinal = colour;
        this.tags = tags;
        this.price = price;
        this.made = made;
        this.seen = seen;
        this.manual = manual;
        this.blob = blob;
        this.active = true;
        this.serial = serial;
        this.note = "not inserted";
    }

    public Colour getNamed() {
        return this.named;
    }

    public Colour getOrdinal() {
        return this.ordinal;
    }

    public List<String> getTags() {
        return this.tags;
    }

    public BigDecimal getPrice() {
        return this.price;
    }

    public LocalDate getMade() {
        return this.made;
    }

    public LocalDateTime getSeen() {
        return this.seen;
    }

    public String getManual() {
        return this.manual;
    }

    public byte[] getBlob() {
        return this.blob;
    }

    public boolean isActive() {
        return this.active;
    }

    public String getSerial() {
        return this.serial;
    }

    public String getNote() {
        return this.note;
    }

    public void setSerial(String serial) {
        this.serial = serial;
    }

    public void setTags(List<String> tags) {
        this.tags = tags;
    }
}
