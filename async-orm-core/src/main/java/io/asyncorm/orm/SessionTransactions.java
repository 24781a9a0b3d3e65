package io.asyncorm.orm;

import io.asyncorm.engine.AsyncConnection;
import io.asyncorm.engine.AsyncEngine;
import io.asyncorm.engine.AsyncTransaction;
import io.asyncorm.engine.ExecutionOptions;
import io.asyncorm.exception.InvalidRequestError;
import io.asyncorm.exception.PendingRollbackError;
import io.asyncorm.internal.Steps;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A session's connections and transactions: one connection per engine the session uses (checked out on
 * first I/O against it, kept until commit, rollback or close), the root transaction (explicit or
 * autobegun), the savepoint stack, and the "rolled back by a failed flush" state that refuses work until
 * {@code rollback()}. With several engines, commit commits each connection in the order they were opened
 * (not atomically: there is no two-phase commit).
 */
final class SessionTransactions {

    /** Makes the handle of a root transaction or of a savepoint level. */
    @FunctionalInterface
    interface Handles {
        DefaultAsyncSessionTransaction create(boolean nested, Map<Object, @Nullable Object> mark);
    }

    /** Tells the session's listeners about its transactions. */
    interface Observer {

        /** Runs the listeners of a transaction event ({@link Mono#empty()} when there are none). */
        Mono<Void> on(SessionEvents.Kind kind, AsyncSessionTransaction transaction, @Nullable AsyncConnection connection);

        /** Whether a listener of the event is registered. */
        boolean listens(SessionEvents.Kind kind);
    }

    private final Handles handles;

    private final Observer observer;

    /** The transactions that ended at the last reset or savepoint pop, innermost first, for {@link #endEvents()}. */
    private List<DefaultAsyncSessionTransaction> ended = new ArrayList<>();

    /** Sized for the usual single engine. */
    private final Map<AsyncEngine, Held> connections = new LinkedHashMap<>(2);

    /** The outer connection the session is bound to, if any, and how it joins its transaction. */
    private final @Nullable AsyncConnection bound;

    private final JoinTransactionMode joinMode;

    /**
     * A connection the session holds and how its transaction ends: the session's own checkout ({@code joined} null:
     * the connection's transaction is the session's), or a bound connection's transaction it joined.
     */
    private record Held(AsyncConnection connection, @Nullable AsyncTransaction joined, boolean shouldCommit) {

        Mono<Void> commit() {
            if (this.joined == null) {
                return this.connection.commit();
            }
            return this.shouldCommit && this.joined.isActive() ? this.joined.commit() : Mono.empty();
        }

        Mono<Void> rollback() {
            if (this.joined == null) {
                return this.connection.rollback();
            }
            return this.joined.isActive() ? this.joined.rollback() : Mono.empty();
        }

        /** Gives the connection back; a joined one stays open (its transaction rolled back if the session controls it). */
        Mono<Void> release(boolean invalidate) {
            Mono<Void> invalidating = invalidate ? this.connection.invalidate() : Mono.empty();
            if (this.joined == null) {
                return invalidate ? invalidating.then(this.connection.close()) : this.connection.close();
            }
            return (this.shouldCommit && this.joined.isActive() ? this.joined.rollback() : Mono.<Void>empty()).then(invalidating);
        }
    }

    /** Counts the times the session released its connections; a checkout begun before the last release is stale. */
    private long generation;

    private @Nullable DefaultAsyncSessionTransaction root;

    private final Deque<DefaultAsyncSessionTransaction> nested = new ArrayDeque<>(2);

    private @Nullable Throwable failure;

    /** The innermost transaction block ({@code begin(work)}, {@code beginNested(work)}) running on the session, if any. */
    private volatile @Nullable Block block;

    /** A transaction block: its transaction, and the block it runs in. */
    record Block(AsyncSessionTransaction transaction, @Nullable Block outer) {
    }

    SessionTransactions(Handles handles, Observer observer, @Nullable AsyncConnection bound, JoinTransactionMode joinMode) {
        this.handles = handles;
        this.observer = observer;
        this.bound = bound;
        this.joinMode = joinMode;
    }

    /**
     * Fails while a failed flush's rollback has not been acknowledged with {@code rollback()}, and inside a transaction
     * block whose transaction the work has ended (as SQLAlchemy's context manager does: the statement would otherwise run
     * in a new transaction the block's caller never commits, or in the outer one). Decided now, for a step about to run:
     * {@link Mono#empty()} when the session can run a statement.
     */
    Mono<Void> connectionCheckNow() {
        Throwable refused = refusal();
        return refused == null ? Mono.empty() : Mono.error(refused);
    }

    /** Why the session cannot run a statement now (see {@link #connectionCheckNow()}), or null when it can. */
    private @Nullable Throwable refusal() {
        if (closedInBlock()) {
            return new InvalidRequestError(InvalidRequestError.CLOSED_TRANSACTION_IN_BLOCK);
        }
        return this.failure == null ? null : new PendingRollbackError("This session's transaction has been rolled back due to a "
                + "previous exception during flush. To begin a new transaction with this session, first call rollback(). "
                + "Original exception was: " + this.failure, this.failure);
    }

    /** The savepoint levels, outermost first. */
    private static List<DefaultAsyncSessionTransaction> outermostFirst(Deque<DefaultAsyncSessionTransaction> nested) {
        List<DefaultAsyncSessionTransaction> levels = new ArrayList<>(nested.size());
        nested.descendingIterator().forEachRemaining(levels::add);
        return levels;
    }

    /**
     * The connection to an engine, checked out (and the transaction autobegun) on first use; inside
     * savepoints, a new connection gets one SAVEPOINT per active level so their rollback covers it too.
     * Decided now: its callers make it at subscription (it costs no {@code defer} of its own).
     */
    Mono<AsyncConnection> connectionNow(AsyncEngine engine, ExecutionOptions options) {
        Throwable refused = refusal();
        if (refused != null) {
            return Mono.error(refused);
        }
        Mono<Void> created = Mono.empty();
        if (this.root == null) {
            this.root = this.handles.create(false, Map.of());
            created = this.observer.on(SessionEvents.Kind.AFTER_TRANSACTION_CREATE, this.root, null);
        }
        DefaultAsyncSessionTransaction root = this.root;
        long generation;
        synchronized (this) {
            Held held = this.connections.get(engine);
            if (held != null) {
                AsyncConnection open = held.connection();
                return Steps.then(created, () -> options.equals(ExecutionOptions.none()) ? Mono.just(open) : open.executionOptions(options));
            }
            generation = this.generation;
        }
        List<DefaultAsyncSessionTransaction> levels = this.nested.isEmpty() ? List.of() : outermostFirst(this.nested);
        // One step after the checkout, its parts skipped when they have nothing to do (no execution options, no
        // listener, no savepoint level): a fresh session's first statement pays for the checkout and little else.
        Function<Held, Mono<AsyncConnection>> settle = held -> {
            Mono<AsyncConnection> conn = register(engine, held, generation);
            if (!options.equals(ExecutionOptions.none())) {
                conn = conn.flatMap(registered -> registered.executionOptions(options));
            }
            if (this.observer.listens(SessionEvents.Kind.AFTER_BEGIN)) {
                conn = conn.flatMap(registered -> this.observer.on(SessionEvents.Kind.AFTER_BEGIN, root, registered).thenReturn(registered));
            }
            if (!levels.isEmpty()) {
                conn = conn.flatMap(registered -> Flux.fromIterable(levels).concatMap(level -> registered.beginNested()
                        .doOnNext(savepoint -> level.savepoint(engine, savepoint))).then(Mono.just(registered)));
            }
            return conn;
        };
        return Steps.then(created, () -> this.bound == null
                ? engine.connect().flatMap(checkout -> settle.apply(new Held(checkout, null, true)))
                : joinBound().flatMap(settle));
    }

    /**
     * For a session bound to an outer connection: that connection, with the transaction it joins as its
     * {@link JoinTransactionMode} says.
     */
    private Mono<Held> joinBound() {
        AsyncConnection outer = Objects.requireNonNull(this.bound);
        return Mono.defer(() -> {
            if (!outer.inTransaction()) {
                return outer.begin().map(owned -> new Held(outer, owned, true));
            }
            AsyncTransaction innermost = outer.getNestedTransaction().or(outer::getTransaction).orElseThrow();
            return switch (this.joinMode) {
                case CREATE_SAVEPOINT -> outer.beginNested().map(savepoint -> new Held(outer, savepoint, true));
                case CONSERVATIVE_SAVEPOINT -> outer.inNestedTransaction()
                        ? outer.beginNested().map(savepoint -> new Held(outer, savepoint, true))
                        : Mono.just(new Held(outer, innermost, false));
                case ROLLBACK_ONLY -> Mono.just(new Held(outer, innermost, false));
                case CONTROL_FULLY -> Mono.just(new Held(outer, innermost, true));
            };
        });
    }

    /**
     * Keeps a connection that arrived for the session, unless the session released its connections since
     * the checkout began (a cancelled operation's checkout finishing after close): then it goes back at once.
     */
    private Mono<AsyncConnection> register(AsyncEngine engine, Held held, long generation) {
        synchronized (this) {
            if (this.generation == generation) {
                this.connections.put(engine, held);
                return Mono.just(held.connection());
            }
        }
        return held.release(false).then(Mono.error(new InvalidRequestError("The session released its connections while this "
                + "operation was checking one out (it was cancelled, and the session closed)")));
    }

    /** Sets a savepoint level: one SAVEPOINT on each open connection (at least the default engine's). */
    Mono<DefaultAsyncSessionTransaction> beginNested(AsyncEngine defaultEngine, Map<Object, @Nullable Object> mark) {
        return Mono.defer(() -> connectionNow(defaultEngine, ExecutionOptions.none())).then(Mono.defer(() -> {
            DefaultAsyncSessionTransaction level = this.handles.create(true, mark);
            List<Map.Entry<AsyncEngine, Held>> open;
            synchronized (this) {
                open = new ArrayList<>(this.connections.entrySet());
            }
            return Flux.fromIterable(open)
                    .concatMap(entry -> entry.getValue().connection().beginNested().doOnNext(savepoint -> level.savepoint(entry.getKey(), savepoint)))
                    .then(Mono.fromCallable(() -> {
                        this.nested.push(level);
                        return level;
                    }))
                    .flatMap(pushed -> this.observer.on(SessionEvents.Kind.AFTER_TRANSACTION_CREATE, pushed, null).thenReturn(pushed));
        }));
    }

    /** The open connections, in the order they were opened. */
    /** Rolls back what each connection's transaction is, after a failed flush; rollback errors are added to the flush's. */
    Mono<Void> rollbackAfter(Throwable error) {
        return Flux.defer(() -> {
            synchronized (this) {
                return Flux.fromIterable(new ArrayList<>(this.connections.values()));
            }
        }).concatMap(held -> held.rollback().onErrorResume(e -> {
            error.addSuppressed(e);
            return Mono.empty();
        })).then();
    }

    /** Takes the open connections out of the session: connections that arrive afterwards for earlier checkouts are released. */
    private synchronized List<Held> takeOpen() {
        List<Held> open = new ArrayList<>(this.connections.values());
        this.connections.clear();
        this.generation++;
        return open;
    }

    /** Begins the root transaction, made when it runs (its caller is the session guard's body). */
    Mono<DefaultAsyncSessionTransaction> beginNow() {
        if (closedInBlock()) {
            return Mono.error(new InvalidRequestError(InvalidRequestError.CLOSED_TRANSACTION_IN_BLOCK));
        }
        if (this.root != null) {
            return Mono.error(new InvalidRequestError("A transaction is already begun on this session; commit or roll it back "
                    + "first, or use beginNested() for a savepoint"));
        }
        DefaultAsyncSessionTransaction root = this.handles.create(false, Map.of());
        this.root = root;
        return Steps.thenReturn(this.observer.on(SessionEvents.Kind.AFTER_TRANSACTION_CREATE, root, null), root);
    }

    synchronized Block enterBlock(AsyncSessionTransaction transaction) {
        Block entered = new Block(transaction, this.block);
        this.block = entered;
        return entered;
    }

    synchronized void leaveBlock(Block left) {
        if (this.block == left) {
            this.block = left.outer();
        }
    }

    private boolean closedInBlock() {
        Block current = this.block;
        return current != null && !current.transaction().isActive();
    }

    /** Ends a savepoint level and the levels begun inside it; their end events wait for {@link #endEvents()}. */
    void popNested(DefaultAsyncSessionTransaction transaction) {
        transaction.end();
        Iterator<DefaultAsyncSessionTransaction> levels = this.nested.iterator();
        while (levels.hasNext()) {
            DefaultAsyncSessionTransaction top = levels.next();
            levels.remove();
            top.end();
            this.ended.add(top);
            if (top == transaction) {
                return;
            }
        }
    }

    /** Tells the listeners about the transactions ended since the last call, innermost first. */
    Mono<Void> endEvents() {
        return Mono.defer(this::endEventsNow);
    }

    /** {@link #endEvents()} made now, for a step about to run: {@link Mono#empty()} when no transaction ended. */
    Mono<Void> endEventsNow() {
        List<DefaultAsyncSessionTransaction> done = this.ended;
        if (done.isEmpty()) {
            return Mono.empty();
        }
        this.ended = new ArrayList<>();
        return Steps.each(done, transaction -> this.observer.on(SessionEvents.Kind.AFTER_TRANSACTION_END, transaction, null));
    }

    Optional<AsyncSessionTransaction> root() {
        return Optional.ofNullable(this.root);
    }

    Optional<AsyncSessionTransaction> innermost() {
        return Optional.ofNullable(this.nested.peek());
    }

    /** Whether the current transaction holds a connection to an engine. */
    synchronized boolean holds(AsyncEngine engine) {
        return this.connections.containsKey(engine);
    }

    boolean inTransaction() {
        return this.root != null;
    }

    boolean inNested() {
        return !this.nested.isEmpty();
    }

    /** Whether a failed flush rolled the transaction back and {@code rollback()} has not acknowledged it yet. */
    boolean rolledBackByFailedFlush() {
        return this.failure != null;
    }

    void failed(Throwable cause) {
        this.failure = cause;
    }

    /** Commits each connection in the order they were opened, then releases them all; made now, for a step about to run. */
    Mono<Void> commitNow() {
        List<Held> open = takeOpen();
        return finish(open, open.size() == 1 ? open.get(0).commit() : Flux.fromIterable(open).concatMap(Held::commit).then(), false, null);
    }

    /** Rolls back every connection, then releases them all. */
    Mono<Void> rollback() {
        return Mono.defer(() -> {
            List<Held> open = takeOpen();
            return finish(open, open.size() == 1 ? open.get(0).rollback() : Flux.fromIterable(open).concatMapDelayError(Held::rollback)
                    .then(), false, null);
        });
    }

    /**
     * Releases every connection, rolling back what is open (with invalidate, the connections are discarded), then
     * resets, runs {@code afterReset} and tells the listeners about the transactions that ended. Made when it is to
     * run: inside the session's close operation.
     */
    Mono<Void> close(boolean invalidate, Runnable afterReset) {
        Mono<Void> closed = finish(takeOpen(), Mono.empty(), invalidate, afterReset);
        return this.observer.listens(SessionEvents.Kind.AFTER_TRANSACTION_END) ? closed.then(endEvents()) : closed;
    }

    /**
     * Runs the work, then closes the connections taken out and resets, on success and on error (the work's error wins;
     * a release error is added to it as suppressed). Cancelled (a COMMIT in flight, say), the connections, already out of
     * the session, are closed all the same: a cancelled COMMIT leaves its connection unsettled, so closing it discards
     * it. The release runs as {@code usingWhen}'s cleanup, so a cancel that arrives while it runs cannot cut it short.
     * A session that holds no connection and has no work to do resets at once.
     */
    private Mono<Void> finish(List<Held> open, Mono<Void> work, boolean invalidate, @Nullable Runnable afterReset) {
        Runnable resets = afterReset == null ? this::reset : () -> {
            reset();
            afterReset.run();
        };
        if (open.isEmpty()) {
            if (work == Mono.<Void>empty()) {
                resets.run();
                return work;
            }
            return work.doOnTerminate(resets);
        }
        if (open.size() == 1 && work == Mono.<Void>empty() && !invalidate && open.get(0).joined() == null) {
            // A plain close of the session's one checkout: the connection's own close is already cancel-safe once subscribed
            // (it releases as usingWhen's cleanup), and it is subscribed now, so no second usingWhen is needed around it.
            return open.get(0).connection().close().doOnTerminate(resets);
        }
        Mono<Void> release = open.size() == 1 ? open.get(0).release(invalidate)
                : Flux.fromIterable(open).concatMapDelayError(held -> held.release(invalidate)).then();
        Mono<Void> finished = Mono.usingWhen(Mono.just(open), taken -> work, taken -> release,
                (taken, error) -> release.onErrorResume(e -> {
                    error.addSuppressed(e);
                    return Mono.empty();
                }),
                taken -> release);
        return finished.doOnTerminate(resets);
    }

    private void reset() {
        // The ended transactions are kept for endEvents() only when someone listens for their end.
        boolean listening = this.observer.listens(SessionEvents.Kind.AFTER_TRANSACTION_END);
        if (listening) {
            this.ended = new ArrayList<>(this.nested);
        } else if (!this.ended.isEmpty()) {
            this.ended = new ArrayList<>();
        }
        this.nested.forEach(DefaultAsyncSessionTransaction::end);
        this.nested.clear();
        if (this.root != null) {
            this.root.end();
            if (listening) {
                this.ended.add(this.root);
            }
        }
        this.root = null;
        this.failure = null;
    }

    /** Runs an action after a publisher terminates either way, before its signal is passed on. */
    static Mono<Void> andAlways(Mono<Void> work, Runnable action) {
        return work.doOnTerminate(action);
    }
}
