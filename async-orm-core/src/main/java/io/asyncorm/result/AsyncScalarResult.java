package io.asyncorm.result;

import io.asyncorm.exception.InvalidRequestError;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A streamed view of one column, made by {@link AsyncResult#scalars()}; it reads from the same cursor.
 * Single values come as {@code Mono<Optional<T>>}: an empty {@code Mono} is "no row",
 * {@code Optional.empty()} is SQL NULL. Not safe for concurrent use.
 *
 * @param <T> the column's Java type
 */
public final class AsyncScalarResult<T> extends StreamView<T> {

    AsyncScalarResult(RowCursor cursor, ViewFilter filter, int[] chunk) {
        super(cursor, filter, chunk);
    }

    /**
     * The remaining values. A {@code Flux} cannot carry null, so a NULL value fails the stream with
     * {@code InvalidRequestError}; use {@link #optionalRows()} for a column that may be NULL.
     *
     * @return the values
     */
    public Flux<T> rows() {
        // The values before a NULL are emitted, then the stream fails at the NULL.
        return elements(values -> () -> values.stream().map(AsyncScalarResult::requireValue).iterator());
    }

    private static <T> T requireValue(@Nullable T value) {
        if (value == null) {
            throw new InvalidRequestError("The scalar stream met an SQL NULL, which a Flux cannot carry;"
                    + " use optionalRows() for a column that may be NULL.");
        }
        return value;
    }

    /**
     * The remaining values, each wrapped ({@code Optional.empty()} for SQL NULL).
     *
     * @return the values
     */
    public Flux<Optional<T>> optionalRows() {
        return elements(values -> {
            List<Optional<T>> wrapped = new ArrayList<>(values.size());
            values.forEach(value -> wrapped.add(Optional.ofNullable(value)));
            return wrapped;
        });
    }

    /**
     * All remaining values.
     *
     * @return the values; the list may hold nulls
     */
    public Mono<List<@Nullable T>> all() {
        return allElements();
    }

    /**
     * The next value (SQLAlchemy's scalar view has no {@code fetchone}; this one does).
     *
     * @return the value; an empty {@code Mono} when exhausted
     */
    public Mono<Optional<T>> fetchOne() {
        return nextElements(1).flatMap(AsyncScalarResult::single);
    }

    /**
     * Sets how many values {@code rows()}, {@code fetchMany()} and {@code partitions()} read at a time (SQLAlchemy's
     * {@code yield_per}); shared with the result this view reads from.
     *
     * @param size at least 1
     * @return this view
     */
    public AsyncScalarResult<T> yieldPer(int size) {
        BufferedView.requirePositive(size);
        this.chunk[0] = size;
        return this;
    }

    /**
     * The next values, as many as the yield-per size (by default the fetch size): SQLAlchemy's {@code fetchmany()}
     * without a size.
     *
     * @return the values; an empty list when exhausted
     */
    public Mono<List<@Nullable T>> fetchMany() {
        return nextElements(this.chunk[0]);
    }

    /**
     * The next values, at most {@code size}.
     *
     * @param size at least 1
     * @return the values; an empty list when exhausted
     */
    public Mono<List<@Nullable T>> fetchMany(int size) {
        BufferedView.requirePositive(size);
        return nextElements(size);
    }

    /**
     * The remaining values in lists of {@code size}; never an empty list.
     *
     * @param size at least 1
     * @return the partitions
     */
    public Flux<List<@Nullable T>> partitions(int size) {
        return chunks(size);
    }

    /**
     * The remaining values in lists of the stream's yield-per size (by default the fetch size): SQLAlchemy's
     * {@code partitions()} without a size.
     *
     * @return the partitions; never an empty list
     */
    public Flux<List<@Nullable T>> partitions() {
        return chunks(this.chunk[0]);
    }

    /**
     * The first value, then the result is closed.
     *
     * @return the value; an empty {@code Mono} when there is no row
     */
    public Mono<Optional<T>> first() {
        return firstElement().flatMap(AsyncScalarResult::single);
    }

    /**
     * The value of exactly one row.
     *
     * @return the value; {@code NoResultFound} or {@code MultipleResultsFound} otherwise
     */
    public Mono<Optional<T>> one() {
        return onlyElement(true).flatMap(AsyncScalarResult::single);
    }

    /**
     * The value of one row or none.
     *
     * @return the value; an empty {@code Mono} when there is no row; {@code MultipleResultsFound} when
     *     there are more
     */
    public Mono<Optional<T>> oneOrNone() {
        return onlyElement(false).flatMap(AsyncScalarResult::single);
    }

    /**
     * Drops values equal to one already returned; applied last.
     *
     * @return this view
     */
    public AsyncScalarResult<T> unique() {
        this.filter.unique(null);
        return this;
    }

    /**
     * Drops values whose key equals that of a value already returned.
     *
     * @param key computes the identity of a value
     * @return this view
     */
    public AsyncScalarResult<T> unique(Function<? super T, ?> key) {
        this.filter.unique(key);
        return this;
    }

    /**
     * Closes the result.
     *
     * @return completes when the cursor has been cancelled
     */
    public Mono<Void> close() {
        return this.cursor.close();
    }

    private static <T> Mono<Optional<T>> single(List<@Nullable T> values) {
        return values.isEmpty() ? Mono.empty() : Mono.just(Optional.ofNullable(values.get(0)));
    }

    /**
     * Whether the result is closed: read to the end, closed, or its connection closed.
     *
     * @return whether it is
     */
    public boolean isClosed() {
        return this.cursor.isClosed();
    }
}
