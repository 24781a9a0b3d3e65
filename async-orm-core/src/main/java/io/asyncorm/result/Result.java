package io.asyncorm.result;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A fully buffered result, as returned by {@code AsyncConnection.execute}: every row is in memory, so
 * it stays usable after the connection is closed, and its methods do no I/O.
 *
 * <p>It is read once, like a cursor: {@link #all()} returns the rows not yet read and then nothing;
 * {@link #first()} and {@link #scalar()} close it, after which reading fails with
 * {@code ResourceClosedError}. {@link #unique()} and {@link #columns(Object...)} change this result in
 * place and return it; uniqueness is applied after every other filter. Not safe for concurrent use.
 *
 * <pre>{@code
 * Mono<List<String>> names = conn.execute(text("select id, name from t1"))
 *         .map(result -> result.<String>scalars("name").all());
 * }</pre>
 */
public final class Result extends BufferedView<Row> {

    private final RowKeys keys;

    private final long rowCount;

    /**
     * Creates a result over rows already read.
     *
     * @param keys the column keys
     * @param rows the rows
     * @param rowCount rows affected by INSERT, UPDATE or DELETE; -1 when the statement reported none
     */
    public Result(RowKeys keys, List<Row> rows, long rowCount) {
        super(new BufferedCursor(List.copyOf(rows)), ViewFilter.rows());
        this.keys = keys;
        this.rowCount = rowCount;
    }

    /**
     * One result made of several, in order: the rows not yet read of each, and the sum of their row
     * counts (-1 when none reported one). Used when an executemany ran as several statements.
     *
     * @param results the results, consumed by this call
     * @return the combined result
     */
    public static Result concat(List<Result> results) {
        List<Row> rows = new java.util.ArrayList<>();
        RowKeys keys = RowKeys.of(List.of());
        long count = -1;
        for (Result result : results) {
            if (keys.size() == 0 && result.keys.size() > 0) {
                keys = result.keys;
            }
            rows.addAll(result.all());
            if (result.rowCount >= 0) {
                count = Math.max(count, 0) + result.rowCount;
            }
        }
        return new Result(keys, rows, count);
    }

    /**
     * The column keys, after {@link #columns(Object...)}.
     *
     * @return the names in column order; empty for a statement that returns no rows
     */
    public List<String> keys() {
        return this.filter.keys(this.keys).names();
    }

    /**
     * The number of rows the statement affected.
     *
     * @return the count reported by the driver (summed over an executemany); -1 when none was reported
     */
    public long rowCount() {
        return this.rowCount;
    }

    /**
     * Whether the statement returns rows.
     *
     * @return true when the result has columns
     */
    public boolean returnsRows() {
        return this.keys.size() > 0;
    }

    /**
     * Reads the rows not yet read into a {@link FrozenResult} that replays them as new results any number of times
     * (SQLAlchemy's {@code Result.freeze()}, for caches such as an ORM execute listener's). Afterwards this result is
     * exhausted.
     *
     * @return the frozen rows, with the statement's column keys
     */
    public FrozenResult freeze() {
        return new FrozenResult(this.keys, all());
    }

    /**
     * All rows not yet read; afterwards the result is exhausted and this returns an empty list.
     *
     * @return the rows
     */
    public List<Row> all() {
        return fetchElements(Integer.MAX_VALUE);
    }

    /**
     * The same as {@link #all()}.
     *
     * @return the rows
     */
    public List<Row> fetchAll() {
        return all();
    }

    /**
     * The next row.
     *
     * @return the row, or empty when the result is exhausted
     */
    public Optional<Row> fetchOne() {
        Object element = nextElement();
        return element == END ? Optional.empty() : Optional.of((Row) element);
    }

    /**
     * The next rows, at most {@code size}.
     *
     * @param size the maximum number of rows, at least 1
     * @return the rows; empty when the result is exhausted
     */
    public List<Row> fetchMany(int size) {
        requirePositive(size);
        return fetchElements(size);
    }

    /**
     * The remaining rows in lists of {@code size}; never an empty list, the last may be shorter.
     *
     * @param size the partition size, at least 1
     * @return the partitions
     */
    public List<List<Row>> partitions(int size) {
        return partitionElements(size);
    }

    /**
     * The first row, closing the result and discarding the rest. No LIMIT is added to the SQL.
     *
     * @return the row, or empty when there is none
     */
    public Optional<Row> first() {
        Object element = firstElement();
        return element == END ? Optional.empty() : Optional.of((Row) element);
    }

    /**
     * Exactly one row.
     *
     * @return the row
     * @throws io.asyncorm.exception.NoResultFound when there is none
     * @throws io.asyncorm.exception.MultipleResultsFound when there are more
     */
    public Row one() {
        return (Row) onlyElement(true);
    }

    /**
     * One row or none.
     *
     * @return the row, or empty when there is none
     * @throws io.asyncorm.exception.MultipleResultsFound when there are more
     */
    public Optional<Row> oneOrNone() {
        Object element = onlyElement(false);
        return element == END ? Optional.empty() : Optional.of((Row) element);
    }

    /**
     * The first column of the first row, closing the result; more rows are not an error.
     *
     * @param <T> the column's Java type
     * @return the value; empty when there is no row or the value is NULL
     */
    @SuppressWarnings("unchecked")
    public <T> Optional<T> scalar() {
        Object element = firstElement();
        return element == END ? Optional.empty() : Optional.ofNullable((T) ((Row) element).get(0));
    }

    /**
     * The first column of exactly one row.
     *
     * @param <T> the column's Java type
     * @return the value, null for SQL NULL
     * @throws io.asyncorm.exception.NoResultFound when there is no row
     * @throws io.asyncorm.exception.MultipleResultsFound when there are more
     */
    public <T> @Nullable T scalarOne() {
        return this.<T>scalars().one();
    }

    /**
     * The first column of one row or none.
     *
     * @param <T> the column's Java type
     * @return the value; empty when there is no row or the value is NULL
     * @throws io.asyncorm.exception.MultipleResultsFound when there are more rows
     */
    public <T> Optional<T> scalarOneOrNone() {
        return this.<T>scalars().oneOrNone();
    }

    /**
     * A view of the first column that reads from this result.
     *
     * @param <T> the column's Java type
     * @return the scalar view
     */
    public <T> ScalarResult<T> scalars() {
        return scalars(0);
    }

    /**
     * A view of one column that reads from this result, keeping {@link #unique()} if it was set.
     *
     * @param column an {@code Integer} index or a {@code String} key
     * @param <T> the column's Java type
     * @return the scalar view
     */
    public <T> ScalarResult<T> scalars(Object column) {
        return new ScalarResult<>(this.cursor, this.filter.derive(ViewFilter.Kind.SCALAR, column));
    }

    /**
     * A view of the rows as maps from key to value that reads from this result.
     *
     * @return the mapping view
     */
    public MappingResult mappings() {
        return new MappingResult(this.cursor, this.filter.derive(ViewFilter.Kind.MAPPING, 0), this.keys);
    }

    /**
     * Keeps only some columns, in the given order; a single column still yields rows.
     *
     * @param columns {@code Integer} indexes or {@code String} keys
     * @return this result
     */
    public Result columns(Object... columns) {
        this.filter.columns(columns);
        return this;
    }

    /**
     * Makes reading rows fail until {@link #unique()} is called on this result or a view of it: the
     * ORM marks results whose rows repeat an entity once per joined-loaded collection element.
     *
     * @param message the error to raise, saying why unique() is needed
     * @return this result
     */
    public Result requireUnique(String message) {
        this.filter.requireUnique(message);
        return this;
    }

    /**
     * Drops rows equal to one already returned (whole-row equality). Applied after every other filter;
     * {@code fetchMany} and {@code partitions} count rows after it.
     *
     * @return this result
     */
    public Result unique() {
        this.filter.unique(null);
        return this;
    }

    /**
     * Drops rows whose key equals that of a row already returned.
     *
     * @param key computes the identity of a row
     * @return this result
     */
    public Result unique(Function<? super Row, ?> key) {
        this.filter.unique(key);
        return this;
    }

    /**
     * Closes the result; later reads fail.
     */
    public void close() {
        this.cursor.hardClose();
    }

    /**
     * Whether the result is closed or exhausted.
     *
     * @return true when no more rows can be read
     */
    public boolean isClosed() {
        return this.cursor.isClosed();
    }

    @Override
    public String toString() {
        return "Result" + this.keys + " rowCount=" + this.rowCount;
    }
}
