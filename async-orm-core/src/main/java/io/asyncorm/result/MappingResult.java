package io.asyncorm.result;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A buffered view of rows as maps from column key to value (insertion-ordered, unmodifiable, values
 * null for SQL NULL), made by {@link Result#mappings()}. Not safe for concurrent use.
 */
public final class MappingResult extends BufferedView<Map<String, @Nullable Object>> {

    private final RowKeys rawKeys;

    MappingResult(BufferedCursor cursor, ViewFilter filter, RowKeys rawKeys) {
        super(cursor, filter);
        this.rawKeys = rawKeys;
    }

    /**
     * The column keys.
     *
     * @return the names in column order
     */
    public List<String> keys() {
        return this.filter.keys(this.rawKeys).names();
    }

    /**
     * All mappings not yet read.
     *
     * @return the mappings
     */
    public List<Map<String, @Nullable Object>> all() {
        return fetchElements(Integer.MAX_VALUE);
    }

    /**
     * The next mapping.
     *
     * @return the mapping, or empty when exhausted
     */
    @SuppressWarnings("unchecked")
    public Optional<Map<String, @Nullable Object>> fetchOne() {
        Object element = nextElement();
        return element == END ? Optional.empty() : Optional.of((Map<String, @Nullable Object>) element);
    }

    /**
     * The next mappings, at most {@code size}.
     *
     * @param size at least 1
     * @return the mappings; empty when exhausted
     */
    public List<Map<String, @Nullable Object>> fetchMany(int size) {
        requirePositive(size);
        return fetchElements(size);
    }

    /**
     * The remaining mappings in lists of {@code size}; never an empty list.
     *
     * @param size at least 1
     * @return the partitions
     */
    public List<List<Map<String, @Nullable Object>>> partitions(int size) {
        return partitionElements(size);
    }

    /**
     * The first mapping, closing the result.
     *
     * @return the mapping, or empty when there is none
     */
    @SuppressWarnings("unchecked")
    public Optional<Map<String, @Nullable Object>> first() {
        Object element = firstElement();
        return element == END ? Optional.empty() : Optional.of((Map<String, @Nullable Object>) element);
    }

    /**
     * Exactly one mapping.
     *
     * @return the mapping
     * @throws io.asyncorm.exception.NoResultFound when there is none
     * @throws io.asyncorm.exception.MultipleResultsFound when there are more
     */
    @SuppressWarnings("unchecked")
    public Map<String, @Nullable Object> one() {
        return (Map<String, @Nullable Object>) onlyElement(true);
    }

    /**
     * One mapping or none.
     *
     * @return the mapping, or empty when there is none
     * @throws io.asyncorm.exception.MultipleResultsFound when there are more
     */
    @SuppressWarnings("unchecked")
    public Optional<Map<String, @Nullable Object>> oneOrNone() {
        Object element = onlyElement(false);
        return element == END ? Optional.empty() : Optional.of((Map<String, @Nullable Object>) element);
    }

    /**
     * Keeps only some columns, in the given order.
     *
     * @param columns {@code Integer} indexes or {@code String} keys
     * @return this view
     */
    public MappingResult columns(Object... columns) {
        this.filter.columns(columns);
        return this;
    }

    /**
     * Drops mappings equal to one already returned; applied last.
     *
     * @return this view
     */
    public MappingResult unique() {
        this.filter.unique(null);
        return this;
    }

    /**
     * Drops mappings whose key equals that of one already returned.
     *
     * @param key computes the identity of a mapping
     * @return this view
     */
    public MappingResult unique(Function<? super Map<String, @Nullable Object>, ?> key) {
        this.filter.unique(key);
        return this;
    }
}
