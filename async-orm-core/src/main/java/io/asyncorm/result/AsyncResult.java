package io.asyncorm.result;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A streamed result over an open cursor, as returned by {@code AsyncConnection.stream}: rows are read
 * from the database only as they are consumed, so a slow reader holds at most about one fetch of rows
 * in memory. It is one-shot: every method continues from where the previous one stopped.
 *
 * <p>The result holds its connection busy until it is exhausted or {@link #close() closed}: consume it
 * fully, cancel {@link #rows()}, or call {@code close()}. The scoped form
 * {@code conn.stream(stmt, params, result -> ...)} closes it on complete, error and cancel.
 *
 * <p>{@link #unique()} and {@link #columns(Object...)} change this result in place and return it,
 * and carry over to {@link #scalars()} and {@link #mappings()} made afterwards; uniqueness is applied
 * after every other filter. Not safe for concurrent use: read it sequentially.
 *
 * <pre>{@code
 * Flux<Row> rows = engine.connect(conn -> conn.stream(text("select * from t1")).flatMapMany(AsyncResult::rows));
 * }</pre>
 */
public final class AsyncResult extends StreamView<Row> {

    private AsyncResult(RowCursor cursor, ViewFilter filter, int[] chunk) {
        super(cursor, filter, chunk);
    }

    /**
     * Opens a streamed result: subscribes to the rows and reads the first one, so that statement
     * errors surface from the returned {@code Mono} and {@link #keys()} is known.
     *
     * @param rows the rows, produced on demand; cancelling the subscription must close the cursor
     * @param chunkSize how many rows {@link #rows()} and {@link #partitions()} request at a time
     * @return the open result
     */
    public static Mono<AsyncResult> open(Publisher<Row> rows, int chunkSize) {
        return open(rows, chunkSize, result -> {
        });
    }

    /**
     * Opens a streamed result as {@link #open(Publisher, int)} does, handing it to its owner first: the owner (the
     * connection) receives the result before the rows are subscribed, so it can close the result, and with it the
     * driver's cursor, whatever happens next. Cancelling the returned {@code Mono} before the first row closes the result.
     *
     * @param rows the rows, produced on demand; cancelling the subscription must close the cursor
     * @param chunkSize how many rows {@link #rows()} and {@link #partitions()} request at a time
     * @param owner told of the result before anything is subscribed
     * @return the open result
     */
    public static Mono<AsyncResult> open(Publisher<Row> rows, int chunkSize, Consumer<? super AsyncResult> owner) {
        return Mono.defer(() -> {
            BufferedView.requirePositive(chunkSize);
            AsyncResult result = new AsyncResult(new RowCursor(rows), ViewFilter.rows(), new int[] {chunkSize});
            owner.accept(result);
            return result.cursor.open().thenReturn(result);
        });
    }

    /**
     * The column keys, after {@link #columns(Object...)}.
     *
     * @return the names in column order; empty when the result has no rows
     */
    public List<String> keys() {
        return this.filter.keys(this.cursor.keys()).names();
    }

    /**
     * The remaining rows, read from the cursor in chunks as they are requested. Cancelling the
     * subscription closes the result.
     *
     * @return the rows
     */
    public Flux<Row> rows() {
        return elements(list -> list);
    }

    /**
     * All remaining rows; afterwards the result is exhausted and this emits an empty list.
     *
     * @return the rows
     */
    public Mono<List<Row>> all() {
        return allElements();
    }

    /**
     * The same as {@link #all()}.
     *
     * @return the rows
     */
    public Mono<List<Row>> fetchAll() {
        return all();
    }

    /**
     * The next row.
     *
     * @return the row; empty when the result is exhausted
     */
    public Mono<Row> fetchOne() {
        return nextElements(1).flatMapIterable(Function.identity()).next();
    }

    /**
     * The next rows, as many as the yield-per size (by default the fetch size): SQLAlchemy's {@code fetchmany()}
     * without a size.
     *
     * @return the rows; an empty list when exhausted
     */
    public Mono<List<Row>> fetchMany() {
        return nextElements(this.chunk[0]);
    }

    /**
     * The next rows, at most {@code size}.
     *
     * @param size at least 1
     * @return the rows; an empty list when the result is exhausted
     */
    public Mono<List<Row>> fetchMany(int size) {
        BufferedView.requirePositive(size);
        return nextElements(size);
    }

    /**
     * The remaining rows in lists of {@code size}, each read when requested; never an empty list.
     *
     * @param size at least 1
     * @return the partitions
     */
    public Flux<List<Row>> partitions(int size) {
        return chunks(size);
    }

    /**
     * The remaining rows in lists of the {@link #yieldPer(int) yield-per} size (by default the fetch
     * size of the statement).
     *
     * @return the partitions
     */
    public Flux<List<Row>> partitions() {
        return chunks(this.chunk[0]);
    }

    /**
     * The first row, then the result is closed. No LIMIT is added to the SQL.
     *
     * @return the row; empty when there is none
     */
    public Mono<Row> first() {
        return firstElement().flatMapIterable(Function.identity()).next();
    }

    /**
     * Exactly one row; the result is closed afterwards.
     *
     * @return the row; {@code NoResultFound} or {@code MultipleResultsFound} otherwise
     */
    public Mono<Row> one() {
        return onlyElement(true).map(rows -> rows.get(0));
    }

    /**
     * One row or none; the result is closed afterwards.
     *
     * @return the row; empty when there is none; {@code MultipleResultsFound} when there are more
     */
    public Mono<Row> oneOrNone() {
        return onlyElement(false).flatMapIterable(Function.identity()).next();
    }

    /**
     * The first column of the first row, then the result is closed; more rows are not an error.
     *
     * @param <T> the column's Java type
     * @return the value, {@code Optional.empty()} for SQL NULL; an empty {@code Mono} when there is no row
     */
    public <T> Mono<Optional<T>> scalar() {
        return this.<T>scalars().first();
    }

    /**
     * The first column of exactly one row.
     *
     * @param <T> the column's Java type
     * @return the value, {@code Optional.empty()} for SQL NULL; {@code NoResultFound} or
     *     {@code MultipleResultsFound} otherwise
     */
    public <T> Mono<Optional<T>> scalarOne() {
        return this.<T>scalars().one();
    }

    /**
     * The first column of one row or none.
     *
     * @param <T> the column's Java type
     * @return the value, {@code Optional.empty()} for SQL NULL; an empty {@code Mono} when there is no
     *     row; {@code MultipleResultsFound} when there are more
     */
    public <T> Mono<Optional<T>> scalarOneOrNone() {
        return this.<T>scalars().oneOrNone();
    }

    /**
     * A view of the first column reading from the same cursor.
     *
     * @param <T> the column's Java type
     * @return the scalar view
     */
    public <T> AsyncScalarResult<T> scalars() {
        return scalars(0);
    }

    /**
     * A view of one column reading from the same cursor, keeping {@link #unique()} if it was set.
     *
     * @param column an {@code Integer} index or a {@code String} key
     * @param <T> the column's Java type
     * @return the scalar view
     */
    public <T> AsyncScalarResult<T> scalars(Object column) {
        return new AsyncScalarResult<>(this.cursor, this.filter.derive(ViewFilter.Kind.SCALAR, column), this.chunk);
    }

    /**
     * A view of the rows as maps reading from the same cursor, keeping {@link #unique()} if it was set.
     *
     * @return the mapping view
     */
    public AsyncMappingResult mappings() {
        return new AsyncMappingResult(this.cursor, this.filter.derive(ViewFilter.Kind.MAPPING, 0), this.chunk);
    }

    /**
     * Keeps only some columns, in the given order; a single column still yields rows.
     *
     * @param columns {@code Integer} indexes or {@code String} keys
     * @return this result
     */
    public AsyncResult columns(Object... columns) {
        this.filter.columns(columns);
        return this;
    }

    /**
     * Drops rows equal to one already returned; applied after every other filter.
     *
     * @return this result
     */
    public AsyncResult unique() {
        this.filter.unique(null);
        return this;
    }

    /**
     * Drops rows whose key equals that of a row already returned.
     *
     * @param key computes the identity of a row
     * @return this result
     */
    public AsyncResult unique(Function<? super Row, ?> key) {
        this.filter.unique(key);
        return this;
    }

    /**
     * Sets how many rows {@link #rows()} and {@link #partitions()} read at a time.
     *
     * @param size at least 1
     * @return this result
     */
    public AsyncResult yieldPer(int size) {
        BufferedView.requirePositive(size);
        this.chunk[0] = size;
        return this;
    }

    /**
     * Reads the remaining rows into a {@link FrozenResult} that can be replayed as buffered results.
     *
     * @return the frozen rows
     */
    public Mono<FrozenResult> freeze() {
        return all().map(rows -> new FrozenResult(RowKeys.of(keys()), rows));
    }

    /**
     * Closes the result: unread rows are discarded and the cursor is closed. Idempotent.
     *
     * @return completes when the cursor has been cancelled
     */
    public Mono<Void> close() {
        return this.cursor.close();
    }

    /**
     * Whether the result was closed or read to its end.
     *
     * @return true when no more rows can be read
     */
    public boolean isClosed() {
        return this.cursor.isClosed();
    }
}
