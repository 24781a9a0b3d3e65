package io.asyncorm.result;

import io.asyncorm.exception.InvalidRequestError;
import io.asyncorm.exception.ResourceClosedError;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * Pulls rows from an open cursor (the driver's row publisher) in exactly the amounts asked for, so a
 * slow reader never makes the driver deliver more than it requested. One fetch may be outstanding at
 * a time. {@link #close()} cancels the driver's publisher, which closes the cursor on the server.
 *
 * <p>This is the one place async-orm subscribes to a publisher itself: it adapts a push stream to
 * the pull methods ({@code fetchOne}, {@code fetchMany}) SQLAlchemy's {@code AsyncResult} has. The
 * subscription is cancelled when the cursor is closed, so it never outlives its result.
 */
final class RowCursor {

    private final Publisher<Row> source;

    private final Upstream upstream = new Upstream();

    private final ArrayDeque<Row> buffer = new ArrayDeque<>();

    private boolean subscribed;

    private boolean done;

    private @Nullable Throwable error;

    private boolean closed;

    private long outstanding;

    private @Nullable MonoSink<List<Row>> waiter;

    private int wanted;

    private @Nullable RowKeys keys;

    /**
     * Creates a cursor; nothing is requested until the first fetch.
     *
     * @param source the rows, produced on demand
     */
    RowCursor(Publisher<Row> source) {
        this.source = source;
    }

    /**
     * Reads the first row into the cursor's buffer, so that statement errors surface now and the
     * column keys are known.
     *
     * @return completes when the first row or the end of the rows has arrived; cancelled before that, the cursor is
     *     closed (the driver's publisher is cancelled), since nobody will ever read it
     */
    Mono<Void> open() {
        return fetch(1, true).doOnNext(this::unread).then();
    }

    /**
     * The keys of the rows, known once the first row has been read.
     *
     * @return the keys; empty when the result has no rows
     */
    RowKeys keys() {
        synchronized (this) {
            return this.keys != null ? this.keys : RowKeys.of(List.of());
        }
    }

    /**
     * The next rows.
     *
     * @param count how many rows to read, at least 1
     * @return up to {@code count} rows; fewer only at the end, empty once exhausted
     */
    Mono<List<Row>> fetch(int count) {
        return fetch(count, false);
    }

    private Mono<List<Row>> fetch(int count, boolean closeOnCancel) {
        return Mono.create(sink -> {
            List<Row> ready = null;
            Throwable failure = null;
            boolean subscribe = false;
            long request = 0;
            synchronized (this) {
                if (this.closed) {
                    failure = new ResourceClosedError("This result object is closed.");
                } else if (this.waiter != null) {
                    failure = new InvalidRequestError("A fetch is already in progress on this result; "
                            + "read a streamed result sequentially (concatMap, not flatMap).");
                } else if (this.buffer.size() >= count || this.done) {
                    if (this.buffer.isEmpty() && this.error != null) {
                        failure = this.error;
                        this.error = null;
                    } else {
                        ready = take(count);
                    }
                } else {
                    this.waiter = sink;
                    this.wanted = count;
                    long missing = (long) count - this.buffer.size() - this.outstanding;
                    if (missing > 0) {
                        this.outstanding += missing;
                        request = missing;
                    }
                    subscribe = !this.subscribed;
                    this.subscribed = true;
                }
            }
            if (failure != null) {
                sink.error(failure);
            } else if (ready != null) {
                sink.success(ready);
            } else {
                sink.onCancel(closeOnCancel ? this::cancel : () -> abandonWaiter(sink));
                if (subscribe) {
                    this.source.subscribe(this.upstream);
                }
                if (request > 0) {
                    this.upstream.request(request);
                }
            }
        });
    }

    /**
     * Closes the cursor: unread rows are discarded and the driver's publisher is cancelled. Idempotent.
     *
     * @return completes at once
     */
    Mono<Void> close() {
        return Mono.fromRunnable(this::cancel);
    }

    /**
     * Closes the cursor now; see {@link #close()}.
     */
    void cancel() {
        MonoSink<List<Row>> pending;
        synchronized (this) {
            if (this.closed) {
                return;
            }
            this.closed = true;
            this.buffer.clear();
            pending = this.waiter;
            this.waiter = null;
        }
        this.upstream.cancel();
        if (pending != null) {
            pending.error(new ResourceClosedError("This result object is closed."));
        }
    }

    /**
     * Whether the cursor was closed or all its rows were read.
     *
     * @return true when no more rows can be read
     */
    synchronized boolean isClosed() {
        return this.closed || (this.done && this.buffer.isEmpty());
    }

    /** Rows received from the driver but not yet read, for tests of bounded buffering. */
    synchronized int buffered() {
        return this.buffer.size();
    }

    private synchronized void unread(List<Row> rows) {
        for (int i = rows.size() - 1; i >= 0; i--) {
            this.buffer.addFirst(rows.get(i));
        }
    }

    // A cancelled fetch gives up its place; rows already requested stay buffered for the next fetch.
    private synchronized void abandonWaiter(MonoSink<List<Row>> sink) {
        if (this.waiter == sink) {
            this.waiter = null;
        }
    }

    // Called with the lock held.
    private List<Row> take(int count) {
        List<Row> rows = new ArrayList<>(Math.min(count, this.buffer.size()));
        while (rows.size() < count && !this.buffer.isEmpty()) {
            rows.add(this.buffer.poll());
        }
        return rows;
    }

    private final class Upstream extends BaseSubscriber<Row> {

        @Override
        protected void hookOnSubscribe(Subscription subscription) {
            // demand is requested by fetch()
        }

        @Override
        protected void hookOnNext(Row row) {
            MonoSink<List<Row>> complete = null;
            List<Row> rows = null;
            synchronized (RowCursor.this) {
                if (RowCursor.this.closed) {
                    return;
                }
                RowCursor.this.outstanding--;
                if (RowCursor.this.keys == null) {
                    RowCursor.this.keys = row.rowKeys();
                }
                RowCursor.this.buffer.add(row);
                if (RowCursor.this.waiter != null && RowCursor.this.buffer.size() >= RowCursor.this.wanted) {
                    complete = RowCursor.this.waiter;
                    RowCursor.this.waiter = null;
                    rows = take(RowCursor.this.wanted);
                }
            }
            if (complete != null) {
                complete.success(rows);
            }
        }

        @Override
        protected void hookOnComplete() {
            finish(null);
        }

        @Override
        protected void hookOnError(Throwable throwable) {
            finish(throwable);
        }

        private void finish(@Nullable Throwable failure) {
            MonoSink<List<Row>> pending;
            List<Row> rows = null;
            Throwable deliver = null;
            synchronized (RowCursor.this) {
                RowCursor.this.done = true;
                pending = RowCursor.this.waiter;
                RowCursor.this.waiter = null;
                if (pending != null && (failure == null || !RowCursor.this.buffer.isEmpty())) {
                    rows = take(RowCursor.this.wanted);
                    RowCursor.this.error = failure;
                } else if (pending != null) {
                    deliver = failure;
                } else {
                    RowCursor.this.error = failure;
                }
            }
            if (pending != null && deliver != null) {
                pending.error(deliver);
            } else if (pending != null) {
                pending.success(rows);
            }
        }
    }
}
