package io.asyncorm.spring.testapp;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row the tests write through Spring's DatabaseClient (mapped only so the schema is created with the rest). */
@Entity
@Table(name = "starter_log")
public class LogLine {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Integer id;

    private String message;

    protected LogLine() {
    }

    public String getMessage() {
        return this.message;
    }
}
