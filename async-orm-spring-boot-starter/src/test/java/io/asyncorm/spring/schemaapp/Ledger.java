package io.asyncorm.spring.schemaapp;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;

/** The one entity of the schema tests: a table no other suite touches. */
@Entity
@Table(name = "schema_ledger")
public class Ledger {

    @Id
    private Long id;

    private String title;

    private LocalDate opened;

    protected Ledger() {
    }
}
