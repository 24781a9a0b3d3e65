package io.asyncorm.samples.library;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/** A copy of a book lent to a borrower until a due date. */
@Entity
@Table(name = "loan")
public class Loan {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private @Nullable Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "book_id")
    private Book book;

    private String borrower;

    private LocalDate due;

    /** For the ORM, which sets the fields from the row. */
    @SuppressWarnings("initialization")
    protected Loan() {
    }

    /**
     * A new loan.
     *
     * @param book the book lent
     * @param borrower who borrows it
     * @param due when it is due back
     */
    public Loan(Book book, String borrower, LocalDate due) {
        this.book = book;
        this.borrower = borrower;
        this.due = due;
    }

    /** @return the id, null until flushed */
    public @Nullable Long getId() {
        return this.id;
    }

    /** @return who borrows the book */
    public String getBorrower() {
        return this.borrower;
    }

    /** @return when the book is due back */
    public LocalDate getDue() {
        return this.due;
    }
}
