package io.asyncorm.result;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A streamed view of rows as maps from column key to value (insertion-ordered, unmodifiable, values
 * null for SQL NULL), made by {@link AsyncResult#mappings()}. Not safe for concurrent use.
 */
public final class AsyncMappingResult extends StreamView<Map<String, @Nullable Object>> {

    AsyncMappingResult(RowCursor cursor, ViewFilter filter, int[] chunk) {
        super(cursor, filter, chunk);
    }

    /**
     * The column keys.
     *
     * @return the names in column order
     */
    public List<String> keys() {
        return this.filter.keys(this.cursor.keys()).names();
    }

    /**
     * The remaining mappings; cancelling closes the result.
     *
     * @return the mappings
     */
    public Flux<Map<String, @Nullable Object>> rows() {
        return elements(list -> list);
    }

    /**
     * All remaining mappings.
     *
     * @return the mappings
     */
    public Mono<List<Map<String, @Nullable Object>>> all() {
        return allElements();
    }

    /**
     * The next mapping.
     *
     * @return the mapping; empty when exhausted
     */
    public Mono<Map<String, @Nullable Object>> fetchOne() {
        return nextElements(1).flatMapIterable(Function.identity()).next();
    }

    /**
     * Sets how many mappings {@code rows()}, {@code fetchMany()} and {@code partitions()} read at a time (SQLAlchemy's
     * {@code yield_per}); shared with the result this view reads from.
     *
     * @param size at least 1
     * @return this view
     */
    public AsyncMappingResult yieldPer(int size) {
        BufferedView.requirePositive(size);
        this.chunk[0] = size;
        return this;
    }

    /**
     * The next mappings, as many as the yield-per size (by default the fetch size): SQLAlchemy's {@code fetchmany()}
     * without a size.
     *
     * @return the mappings; an empty list when exhausted
     */
    public Mono<List<Map<String, @Nullable Object>>> fetchMany() {
        return nextElements(this.chunk[0]);
    }

    /**
     * The next mappings, at most {@code size}.
     *
     * @param size at least 1
     * @return the mappings; an empty list when exhausted
     */
    public Mono<List<Map<String, @Nullable Object>>> fetchMany(int size) {
        BufferedView.requirePositive(size);
        return nextElements(size);
    }

    /**
     * The remaining mappings in lists of {@code size}; never an empty list.
     *
     * @param size at least 1
     * @return the partitions
     */
    public Flux<List<Map<String, @Nullable Object>>> partitions(int size) {
        return chunks(size);
    }

    /**
     * The remaining mappings in lists of the stream's yield-per size (by default the fetch size): SQLAlchemy's
     * {@code partitions()} without a size.
     *
     * @return the partitions; never an empty list
     */
    public Flux<List<Map<String, @Nullable Object>>> partitions() {
        return chunks(this.chunk[0]);
    }

    /**
     * The first mapping, then the result is closed.
     *
     * @return the mapping; empty when there is none
     */
    public Mono<Map<String, @Nullable Object>> first() {
        return firstElement().flatMapIterable(Function.identity()).next();
    }

    /**
     * Exactly one mapping.
     *
     * @return the mapping; {@code NoResultFound} or {@code MultipleResultsFound} otherwise
     */
    public Mono<Map<String, @Nullable Object>> one() {
        return onlyElement(true).map(rows -> rows.get(0));
    }

    /**
     * One mapping or none.
     *
     * @return the mapping; empty when there is none; {@code MultipleResultsFound} when there are more
     */
    public Mono<Map<String, @Nullable Object>> oneOrNone() {
        return onlyElement(false).flatMapIterable(Function.identity()).next();
    }

    /**
     * Keeps only some columns, in the given order.
     *
     * @param columns {@code Integer} indexes or {@code String} keys
     * @return this view
     */
    public AsyncMappingResult columns(Object... columns) {
        this.filter.columns(columns);
        return this;
    }

    /**
     * Drops mappings equal to one already returned; applied last.
     *
     * @return this view
     */
    public AsyncMappingResult unique() {
        this.filter.unique(null);
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

    /**
     * Whether the result is closed: read to the end, closed, or its connection closed.
     *
     * @return whether it is
     */
    public boolean isClosed() {
        return this.cursor.isClosed();
    }
}
