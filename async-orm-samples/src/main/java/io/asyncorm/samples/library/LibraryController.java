package io.asyncorm.samples.library;

import io.asyncorm.exception.ArgumentError;
import io.asyncorm.exception.DataError;
import io.asyncorm.exception.StaleDataError;
import io.asyncorm.samples.library.Views.AuthorView;
import io.asyncorm.samples.library.Views.BookSummary;
import io.asyncorm.samples.library.Views.BookView;
import io.asyncorm.samples.library.Views.LoanView;
import io.asyncorm.samples.library.Views.NewBook;
import io.asyncorm.samples.library.Views.NewLoan;
import io.asyncorm.samples.library.Views.Rename;
import jakarta.validation.Valid;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Pageable;
import org.springframework.data.web.PagedModel;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.support.WebExchangeBindException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The HTTP API. Errors are problem details (RFC 9457): 400 for invalid input, 404 for a missing book or author,
 * 409 for a stale version or no copy left.
 */
@RestController
public class LibraryController {

    private final LibraryService library;

    /**
     * Creates the controller.
     *
     * @param library the use cases
     */
    public LibraryController(LibraryService library) {
        this.library = library;
    }

    /** @return every author with their books (eager, two statements) */
    @GetMapping("/authors")
    public Mono<List<AuthorView>> authors() {
        return this.library.authors();
    }

    /**
     * @param pageable {@code ?page=0&size=20&sort=title,desc} (size at most 100)
     * @return one page of the books, with the page's number, size and totals
     */
    @GetMapping("/books")
    public Mono<PagedModel<BookSummary>> books(Pageable pageable) {
        return this.library.books(pageable);
    }

    /**
     * @param id the book's id
     * @return the book with its author and tags
     */
    @GetMapping("/books/{id}")
    public Mono<BookView> book(@PathVariable("id") long id) {
        return this.library.book(id);
    }

    /**
     * @param request the new book
     * @return the stored book, 201
     */
    @PostMapping("/books")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<BookView> addBook(@Valid @RequestBody NewBook request) {
        return this.library.addBook(request);
    }

    /**
     * @param id the book's id
     * @param request the new title and the version the client read
     * @return the renamed book
     */
    @PutMapping("/books/{id}/title")
    public Mono<BookView> rename(@PathVariable("id") long id, @Valid @RequestBody Rename request) {
        return this.library.rename(id, request);
    }

    /**
     * @param id the book's id
     * @param request the borrower
     * @return the loan, 201
     */
    @PostMapping("/books/{id}/loans")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<LoanView> lend(@PathVariable("id") long id, @Valid @RequestBody NewLoan request) {
        return this.library.lend(id, request);
    }

    /** @return every book as newline-delimited JSON, read from the database as fast as the client reads */
    @GetMapping(path = "/books/stream", produces = MediaType.APPLICATION_NDJSON_VALUE)
    public Flux<BookSummary> streamBooks() {
        return this.library.streamBooks();
    }

    /**
     * Invalid input: a 400 problem detail that names each rejected field.
     *
     * @param invalid the validation failure
     * @return the problem, with an {@code errors} map from field to message
     */
    @ExceptionHandler(WebExchangeBindException.class)
    public ProblemDetail invalid(WebExchangeBindException invalid) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The request has invalid fields");
        problem.setTitle("Invalid request");
        Map<String, String> errors = new TreeMap<>();
        invalid.getFieldErrors().forEach(error -> errors.merge(error.getField(), String.valueOf(error.getDefaultMessage()),
                (first, second) -> first + "; " + second));
        problem.setProperty("errors", errors);
        return problem;
    }

    /**
     * A value the database refused (too long, out of range, an invalid byte sequence) that validation could not see:
     * the client's input is at fault, so a 400, not a 500. The detail names the SQLSTATE, not the SQL.
     *
     * @param error {@code DataError}, or its Spring translation
     * @return a 400 problem detail
     */
    @ExceptionHandler({DataError.class, DataIntegrityViolationException.class})
    public ProblemDetail badValue(RuntimeException error) {
        if (!(error instanceof DataError) && !(error.getCause() instanceof DataError)) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "The change conflicts with stored data"
                    + (error instanceof DuplicateKeyException ? " (a duplicate value)" : ""));
            problem.setTitle("Conflict");
            return problem;
        }
        DataError data = error instanceof DataError direct ? direct : (DataError) error.getCause();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "A value is not valid for the database (SQLSTATE " + data.getSqlState() + ")");
        problem.setTitle("Invalid value");
        return problem;
    }

    /**
     * A request that names something the mapping does not have, such as an unknown sort key: a 400 whose detail lists
     * what there is.
     *
     * @param error the misuse
     * @return a 400 problem detail
     */
    @ExceptionHandler(ArgumentError.class)
    public ProblemDetail badArgument(ArgumentError error) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, error.getMessage());
        problem.setTitle("Invalid request");
        return problem;
    }

    /**
     * A stale version: the client's copy is old (checked by the service), or another request changed the book
     * between this one's read and its UPDATE (the UPDATE's version check finds no row: {@code StaleDataError}, or
     * its Spring translation when it surfaces at commit).
     *
     * @param conflict the error
     * @return a 409 problem detail
     */
    @ExceptionHandler({OptimisticLockingFailureException.class, StaleDataError.class})
    public ProblemDetail conflict(RuntimeException conflict) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, conflict.getMessage());
        problem.setTitle("Edit conflict");
        return problem;
    }
}
