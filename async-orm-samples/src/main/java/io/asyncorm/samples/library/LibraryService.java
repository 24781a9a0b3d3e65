package io.asyncorm.samples.library;

import static io.asyncorm.orm.Orm.lazyload;
import static io.asyncorm.orm.Orm.select;
import static io.asyncorm.orm.Orm.selectinload;

import io.asyncorm.orm.AsyncAttrs;
import io.asyncorm.orm.AsyncScopedSession;
import io.asyncorm.result.AsyncScalarResult;
import io.asyncorm.result.ScalarResult;
import io.asyncorm.samples.library.Views.AuthorView;
import io.asyncorm.samples.library.Views.BookSummary;
import io.asyncorm.samples.library.Views.BookView;
import io.asyncorm.samples.library.Views.LoanView;
import io.asyncorm.samples.library.Views.NewBook;
import io.asyncorm.samples.library.Views.NewLoan;
import io.asyncorm.samples.library.Views.Rename;
import io.asyncorm.spring.data.Paging;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.data.domain.Pageable;
import org.springframework.data.web.PagedModel;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The library's use cases. Each public method is one transaction on the request's session; views are built inside
 * it, before the commit expires the objects.
 */
@Service
public class LibraryService {

    private final AsyncScopedSession session;

    private final Clock clock;

    private final Paging paging;

    /**
     * Creates the service.
     *
     * @param session the request-scoped session
     * @param clock the clock that dates loans
     * @param paging Spring Data paging on entity queries
     */
    public LibraryService(AsyncScopedSession session, Clock clock, Paging paging) {
        this.session = session;
        this.clock = clock;
        this.paging = paging;
    }

    /**
     * Every author with their books: two statements whatever the number of authors (the authors, then their
     * books in one {@code IN}), never one per author.
     *
     * @return the authors by id
     */
    @Transactional(readOnly = true)
    public Mono<List<AuthorView>> authors() {
        return this.session.<Author>scalars(select(Author.class).options(selectinload(Author_.books)).orderBy(Author_.id.asc()))
                .map(authors -> authors.all().stream().map(author -> new AuthorView(author.getId(), author.getName(),
                        author.getBooks().stream().map(BookSummary::of).toList())).toList());
    }

    /**
     * One page of the books, sorted by the request's keys (book attribute names only; an unknown one is an
     * {@code ArgumentError}, a 400): the page's SELECT, and a count unless the page tells the total.
     *
     * @param pageable the page and sort from the request
     * @return the page
     */
    @Transactional(readOnly = true)
    public Mono<PagedModel<BookSummary>> books(Pageable pageable) {
        return this.paging.page(this.session, select(Book.class), pageable).map(page -> new PagedModel<>(page.map(BookSummary::of)));
    }

    /**
     * One book with its author and tags, each loaded explicitly with {@code AsyncAttrs.fetch}.
     *
     * @param id the book's id
     * @return the book; 404 when there is none
     */
    @Transactional(readOnly = true)
    public Mono<BookView> book(long id) {
        return findBook(id).flatMap(this::view);
    }

    /**
     * Adds a book, creating the tags it names that do not exist yet.
     *
     * @param request the new book
     * @return the book as stored; 404 when the author does not exist
     */
    @Transactional
    public Mono<BookView> addBook(NewBook request) {
        List<String> names = request.tags() == null ? List.of() : request.tags().stream().distinct().sorted().toList();
        return this.session.get(Author.class, request.authorId())
                .switchIfEmpty(Mono.error(() -> notFound("author", request.authorId())))
                .flatMap(author -> tags(names).flatMap(tags -> {
                    Book book = new Book(request.title(), request.isbn(), request.copies(), author);
                    book.getTags().addAll(tags);
                    return this.session.add(book).then(this.session.flush()).then(view(book));
                }));
    }

    /** The tags with these names: the existing ones, and new ones for the rest. */
    private Mono<List<Tag>> tags(List<String> names) {
        if (names.isEmpty()) {
            return Mono.just(List.of());
        }
        return this.session.<Tag>scalars(select(Tag.class).where(Tag_.name.in(names))).map(ScalarResult::all)
                .map(existing -> {
                    Map<String, Tag> byName = existing.stream().collect(Collectors.toMap(Tag::getName, Function.identity()));
                    return names.stream().map(name -> byName.computeIfAbsent(name, Tag::new)).toList();
                });
    }

    /**
     * Renames a book, if the client's copy is current.
     *
     * @param id the book's id
     * @param request the new title and the version the client read
     * @return the renamed book with its new version; 404 when there is none; {@link OptimisticLockingFailureException}
     *     (409) when the version is stale, or when another request changes the book before this one commits
     */
    @Transactional
    public Mono<BookView> rename(long id, Rename request) {
        return findBook(id).flatMap(book -> {
            if (!request.version().equals(book.getVersion())) {
                return Mono.error(new OptimisticLockingFailureException("Book " + id + " is at version " + book.getVersion()
                        + ", not " + request.version() + ": reload it and apply the change again"));
            }
            book.setTitle(request.title());
            return this.session.flush().then(view(book));
        });
    }

    /**
     * Lends a copy of a book for three weeks.
     *
     * @param id the book's id
     * @param request who borrows it
     * @return the loan; 404 when there is no such book; 409 when no copy is on the shelf
     */
    @Transactional
    public Mono<LoanView> lend(long id, NewLoan request) {
        return findBook(id).flatMap(book -> {
            if (book.getCopies() == 0) {
                return Mono.error(new ResponseStatusException(HttpStatus.CONFLICT, "No copy of book " + id + " is on the shelf"));
            }
            book.setCopies(book.getCopies() - 1);
            Loan loan = new Loan(book, request.borrower(), LocalDate.now(this.clock).plusWeeks(3));
            return this.session.add(loan).then(this.session.flush())
                    .then(Mono.fromSupplier(() -> new LoanView(loan.getId(), id, loan.getBorrower(), loan.getDue(), book.getCopies())));
        });
    }

    /**
     * Every book, read through a server-side cursor as the client asks for more: the rows are mapped and
     * dropped from the session one by one, so neither the session nor the server's memory grows with the table.
     *
     * @return the books by id
     */
    public Flux<BookSummary> streamBooks() {
        // A cursor holds the connection, so the author (eager by default) is not loaded here: lazyload.
        return this.session.<Book>streamScalars(select(Book.class).options(lazyload(Book_.author)).orderBy(Book_.id.asc()))
                .flatMapMany(AsyncScalarResult::rows)
                .concatMap(book -> this.session.expunge(book).thenReturn(BookSummary.of(book)), 1);
    }

    private Mono<Book> findBook(long id) {
        return this.session.get(Book.class, id).switchIfEmpty(Mono.error(() -> notFound("book", id)));
    }

    private Mono<BookView> view(Book book) {
        // One after the other: a session runs one statement at a time.
        return AsyncAttrs.fetch(book, Book_.author).flatMap(author -> AsyncAttrs.fetch(book, Book_.tags).map(tags -> new BookView(
                book.getId(), book.getTitle(), book.getIsbn(), book.getCopies(), book.getVersion(), author.getName(), names(tags))));
    }

    private static List<String> names(Collection<Tag> tags) {
        return tags.stream().map(Tag::getName).sorted().toList();
    }

    private static ResponseStatusException notFound(String what, Object id) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "No " + what + " with id " + id);
    }
}
