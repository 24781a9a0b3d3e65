package io.asyncorm.result;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A buffered view of one column, made by {@link Result#scalars()}; it reads from the same rows as the
 * result it came from. Elements are null for SQL NULL. Not safe for concurrent use.
 *
 * @param <T> the column's Java type
 */
public final class ScalarResult<T> extends BufferedView<T> {

    ScalarResult(BufferedCursor cursor, ViewFilter filter) {
        super(cursor, filter);
    }

    /**
     * All values not yet read.
     *
     * @return the values; the list may hold nulls
     */
    public List<@Nullable T> all() {
        return fetchElements(Integer.MAX_VALUE);
    }

    /**
     * The same as {@link #all()}.
     *
     * @return the values
     */
    public List<@Nullable T> fetchAll() {
        return all();
    }

    /**
     * The next values, at most {@code size}.
     *
     * @param size at least 1
     * @return the values; empty when exhausted
     */
    public List<@Nullable T> fetchMany(int size) {
        requirePositive(size);
        return fetchElements(size);
    }

    /**
     * The remaining values in lists of {@code size}; never an empty list.
     *
     * @param size at least 1
     * @return the partitions
     */
    public List<List<@Nullable T>> partitions(int size) {
        return partitionElements(size);
    }

    /**
     * The first value, closing the result.
     *
     * @return the value; empty when there is no row or it is NULL
     */
    @SuppressWarnings("unchecked")
    public Optional<T> first() {
        Object element = firstElement();
        return element == END ? Optional.empty() : Optional.ofNullable((T) element);
    }

    /**
     * The value of exactly one row.
     *
     * @return the value, null for SQL NULL
     * @throws io.asyncorm.exception.NoResultFound when there is no row
     * @throws io.asyncorm.exception.MultipleResultsFound when there are more
     */
    @SuppressWarnings("unchecked")
    public @Nullable T one() {
        return (T) onlyElement(true);
    }

    /**
     * The value of one row or none.
     *
     * @return the value; empty when there is no row or it is NULL
     * @throws io.asyncorm.exception.MultipleResultsFound when there are more rows
     */
    @SuppressWarnings("unchecked")
    public Optional<T> oneOrNone() {
        Object element = onlyElement(false);
        return element == END ? Optional.empty() : Optional.ofNullable((T) element);
    }

    /**
     * Drops values equal to one already returned; applied last.
     *
     * @return this view
     */
    public ScalarResult<T> unique() {
        this.filter.unique(null);
        return this;
    }

    /**
     * Drops values whose key equals that of a value already returned.
     *
     * @param key computes the identity of a value
     * @return this view
     */
    public ScalarResult<T> unique(Function<? super T, ?> key) {
        this.filter.unique(key);
        return this;
    }
}
