package io.asyncorm.samples.library;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** What the API reads and writes: records built inside the transaction, never the entities themselves. */
public final class Views {

    /** The length of the text columns (VARCHAR(255)): longer input is refused before any SQL is sent. */
    static final int TEXT = 255;

    /** Text without NUL characters, which PostgreSQL cannot store in text columns. */
    static final String NO_NUL = "[^\\x00]*";

    static final String NUL_MESSAGE = "must not contain NUL characters";

    private Views() {
    }

    /**
     * A book in a list.
     *
     * @param id the id
     * @param title the title
     * @param isbn the ISBN
     * @param copies copies on the shelf
     * @param version the optimistic-locking version to send back with a change
     */
    public record BookSummary(Long id, String title, String isbn, int copies, Integer version) {

        static BookSummary of(Book book) {
            return new BookSummary(book.getId(), book.getTitle(), book.getIsbn(), book.getCopies(), book.getVersion());
        }
    }

    /**
     * An author with their books.
     *
     * @param id the id
     * @param name the name
     * @param books the books
     */
    public record AuthorView(Long id, String name, List<BookSummary> books) {
    }

    /**
     * A book with its author and tags.
     *
     * @param id the id
     * @param title the title
     * @param isbn the ISBN
     * @param copies copies on the shelf
     * @param version the version
     * @param author the author's name
     * @param tags the tag names, sorted
     */
    public record BookView(Long id, String title, String isbn, int copies, Integer version, String author, List<String> tags) {
    }

    /**
     * A new book.
     *
     * @param title the title
     * @param isbn a 13-digit ISBN
     * @param copies copies the library owns
     * @param authorId the author's id
     * @param tags tag names; unknown ones are created
     */
    public record NewBook(@NotBlank @Size(max = TEXT) @Pattern(regexp = NO_NUL, message = NUL_MESSAGE) String title,
            @NotNull @Pattern(regexp = "\\d{13}", message = "must be 13 digits") String isbn,
            @Min(0) int copies, @NotNull Long authorId,
            @Nullable @Size(max = 20) List<@NotBlank @Size(max = TEXT) @Pattern(regexp = NO_NUL, message = NUL_MESSAGE) String> tags) {
    }

    /**
     * A new title for a book, with the version the client read.
     *
     * @param title the new title
     * @param version the version the client's copy has
     */
    public record Rename(@NotBlank @Size(max = TEXT) @Pattern(regexp = NO_NUL, message = NUL_MESSAGE) String title,
            @NotNull Integer version) {
    }

    /**
     * A loan request.
     *
     * @param borrower who borrows the book
     */
    public record NewLoan(@NotBlank @Size(max = TEXT) @Pattern(regexp = NO_NUL, message = NUL_MESSAGE) String borrower) {
    }

    /**
     * A loan made.
     *
     * @param id the loan's id
     * @param bookId the book
     * @param borrower who borrows it
     * @param due when it is due back
     * @param copiesLeft copies still on the shelf
     */
    public record LoanView(Long id, Long bookId, String borrower, LocalDate due, int copiesLeft) {
    }
}
