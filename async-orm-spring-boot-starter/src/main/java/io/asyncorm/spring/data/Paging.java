package io.asyncorm.spring.data;

import io.asyncorm.orm.EntitySelect;
import io.asyncorm.orm.Registry;
import io.asyncorm.orm.SessionQueryOperations;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Slice;
import org.springframework.data.domain.Sort;
import reactor.core.publisher.Mono;

/**
 * Spring Data's {@link Pageable} and {@link Sort} on entity queries. Sort properties are the entity's mapped attribute
 * names, looked up in the mapping (never put into SQL), so a sort key from a request is safe; an unknown one fails
 * with {@code ArgumentError} listing the names there are (as an error signal: nothing runs before subscription). The starter provides the bean when Spring Data Commons is on
 * the class path.
 *
 * <pre>{@code
 * Mono<Page<Book>> books = paging.page(session, select(Book.class).where(Book_.year.gt(2000)), PageRequest.of(0, 20, Sort.by("title")));
 * }</pre>
 */
public interface Paging {

    /**
     * The paging of a registry's entities.
     *
     * @param registry the mapped entities
     * @return the paging
     */
    static Paging of(Registry registry) {
        return new DefaultPaging(registry);
    }

    /**
     * Adds ORDER BY terms for a sort: ascending or descending, NULLS FIRST/LAST, and {@code lower(...)} for
     * ignore-case orders.
     *
     * @param query the query
     * @param sort the sort; unsorted leaves the query as it is
     * @param <T> the entity type
     * @return the sorted query
     */
    <T> EntitySelect<T> sort(EntitySelect<T> query, Sort sort);

    /**
     * Adds the pageable's sort, LIMIT and OFFSET.
     *
     * @param query the query
     * @param pageable the page; unpaged adds only its sort
     * @param <T> the entity type
     * @return the query for one page
     */
    <T> EntitySelect<T> apply(EntitySelect<T> query, Pageable pageable);

    /**
     * One page and the total: the page's query, then a count of the query's rows, which is skipped when the page itself
     * tells the total (a first page shorter than the page size, or any short page but an empty one), as Spring Data does.
     *
     * @param session the session (or scoped session) to run on
     * @param query the query, without LIMIT or OFFSET
     * @param pageable the page
     * @param <T> the entity type
     * @return the page
     */
    <T> Mono<Page<T>> page(SessionQueryOperations session, EntitySelect<T> query, Pageable pageable);

    /**
     * One page without a total: the page's query reads one row more, to tell whether a next page exists.
     *
     * @param session the session (or scoped session) to run on
     * @param query the query, without LIMIT or OFFSET
     * @param pageable the page
     * @param <T> the entity type
     * @return the slice
     */
    <T> Mono<Slice<T>> slice(SessionQueryOperations session, EntitySelect<T> query, Pageable pageable);
}
