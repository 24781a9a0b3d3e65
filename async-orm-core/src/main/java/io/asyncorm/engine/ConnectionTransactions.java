package io.asyncorm.engine;

import io.asyncorm.exception.InvalidRequestError;
import io.asyncorm.internal.Steps;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.IsolationLevel;
import io.r2dbc.spi.Option;
import io.r2dbc.spi.TransactionDefinition;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A connection's transaction commands: autobegin (with BEGIN deferred past pure reads where that is safe),
 * explicit and scoped begin, savepoints, commit and rollback of each level, the rollback's time limit. Keeps
 * the books in a {@link TransactionStack} and sends the commands through the connection's
 * {@link ConnectionLink}.
 */
final class ConnectionTransactions {

    private static final String ALREADY_BEGUN = "This connection has already begun a transaction via begin() or "
            + "autobegin; can't call begin() here unless rollback() or commit() is called first.";

    private final EngineCore core;

    private final ConnectionLink link;

    private final AsyncConnection connection;

    private final Supplier<ExecutionOptions> options;

    private final TransactionStack stack = new TransactionStack();

    /** The root transaction is begun in the engine's books, but its BEGIN waits for a statement that is not a pure read. */
    private boolean beginDeferred;

    /** The innermost transaction block ({@code begin(work)}, {@code beginNested(work)}) running on the connection, if any. */
    private volatile @Nullable Block block;

    /** A transaction block: its transaction, and the block it runs in. */
    private record Block(AsyncTransaction transaction, @Nullable Block outer) {
    }

    /**
     * The transaction commands of one connection.
     *
     * @param core the engine's shared parts
     * @param link the connection's link to the driver
     * @param connection the connection, as its transactions report it
     * @param options the connection's execution options now in effect
     */
    ConnectionTransactions(EngineCore core, ConnectionLink link, AsyncConnection connection, Supplier<ExecutionOptions> options) {
        this.core = core;
        this.link = link;
        this.connection = connection;
        this.options = options;
    }

    Mono<AsyncTransaction> begin() {
        return Mono.defer(() -> {
            if (closedInBlock()) {
                return Mono.error(new InvalidRequestError(InvalidRequestError.CLOSED_TRANSACTION_IN_BLOCK));
            }
            if (this.stack.root() != null) {
                return Mono.error(new InvalidRequestError(ALREADY_BEGUN));
            }
            return this.link.usable(false).then(beginRoot());
        });
    }

    Mono<AsyncTransaction> beginNested() {
        return readyForWork().then(autobegin(false)).then(Mono.defer(() -> {
            String name = this.stack.nextSavepointName();
            this.core.echo.line("SAVEPOINT " + name);
            return event(EngineEvents.Command.SAVEPOINT, name, this.link.command(this.link.raw().createSavepoint(name)))
                    .then(Mono.fromCallable(() -> this.stack.pushSavepoint(this, name)));
        }));
    }

    /**
     * Runs work in a transaction block: committed as the work's last step, rolled back on error or cancel. Once the
     * work ends the block's transaction itself (commit or rollback), the connection refuses further work until the
     * block is over, as SQLAlchemy's transaction context manager does: a statement would otherwise run in a new
     * transaction, or in the outer one, that the block's caller does not expect.
     */
    <T> Flux<T> scoped(Mono<AsyncTransaction> start, Function<? super AsyncTransaction, ? extends Publisher<T>> work) {
        // The commit is part of the work (not the completion cleanup), so its error reaches the caller as it is and rolls back.
        return Flux.usingWhen(start.map(this::enterBlock), block -> Flux.<T>from(work.apply(block.transaction()))
                        .concatWith(Mono.defer(() -> block.transaction().isActive() ? block.transaction().commit() : Mono.<Void>empty())
                                .then(Mono.empty())),
                this::leaveBlock,
                (block, error) -> (block.transaction().isActive() ? rollbackQuietly(block.transaction()) : Mono.<Void>empty())
                        .then(leaveBlock(block)),
                block -> rollbackQuietly(block.transaction()).then(leaveBlock(block)));
    }

    private synchronized Block enterBlock(AsyncTransaction transaction) {
        Block entered = new Block(transaction, this.block);
        this.block = entered;
        return entered;
    }

    private Mono<Void> leaveBlock(Block left) {
        return Mono.fromRunnable(() -> {
            synchronized (this) {
                if (this.block == left) {
                    this.block = left.outer();
                }
            }
        });
    }

    /** Whether the innermost transaction block's transaction has been ended by the work inside it. */
    private boolean closedInBlock() {
        Block current = this.block;
        return current != null && !current.transaction().isActive();
    }

    /** Rolls back after an error or cancel (within the cleanup time limit); a failure is logged. */
    private Mono<Void> rollbackQuietly(AsyncTransaction transaction) {
        return transaction.rollback().onErrorResume(error -> {
            EngineCore.logCleanupFailure("Rolling back after an error or cancel", error);
            return Mono.empty();
        });
    }

    /**
     * Begins the root transaction if there is none, and makes sure its BEGIN has been sent unless the statement is a
     * pure read that may run before it (see {@link EngineOptions#deferBegin()}).
     */
    Mono<Void> autobegin(boolean pureRead) {
        return Mono.defer(() -> autobeginNow(pureRead));
    }

    /** {@link #autobegin} decided now, for a step made when it is about to run. */
    Mono<Void> autobeginNow(boolean pureRead) {
        if (this.stack.root() == null) {
            if (pureRead && mayDeferBegin()) {
                this.stack.beginRoot(this);
                this.beginDeferred = true;
                return Mono.empty();
            }
            return sendBeginNow(() -> this.stack.beginRoot(this));
        }
        if (this.beginDeferred && !pureRead) {
            this.beginDeferred = false;
            return sendBeginNow(null);
        }
        return Mono.empty();
    }

    /** Sends a deferred BEGIN now (for work on the driver connection directly, which runs inside the transaction). */
    Mono<Void> sendDeferredBegin() {
        return Mono.defer(() -> this.beginDeferred ? autobegin(false) : Mono.empty());
    }

    /**
     * Whether BEGIN may wait for the first statement that is not a pure read: only on PostgreSQL, at the server's
     * READ COMMITTED default (which r2dbc-postgresql reads when it connects), where every statement takes its own
     * snapshot with or without the transaction, and never for a read-only transaction.
     */
    private boolean mayDeferBegin() {
        ExecutionOptions current = this.options.get();
        return this.core.options.deferBegin() && this.core.dialect.name().equals("postgresql") && current.isolationLevel() == null
                && !current.readOnly() && IsolationLevel.READ_COMMITTED.equals(this.link.raw().getTransactionIsolationLevel());
    }

    private Mono<AsyncTransaction> beginRoot() {
        return Mono.defer(() -> sendBeginNow(() -> this.stack.beginRoot(this))).then(Mono.fromCallable(this.stack::root));
    }

    /**
     * Sends BEGIN (made now, for a step about to run), after putting the connection at the isolation level in effect:
     * the level is a setting of the connection on the server (applied when asked, see {@link #applyIsolation}), not a
     * clause of BEGIN, so {@code getIsolationLevel()} reports it and every dialect applies it the same way (r2dbc-h2's
     * {@code beginTransaction(level)} would send {@code SET LOCK_MODE}, which H2 2.x does not take as isolation).
     *
     * @param answered records the transaction in the books once BEGIN has answered (see
     *     {@link ConnectionLink#command(Publisher, Runnable)}); null when they hold it already (a deferred BEGIN)
     */
    private Mono<Void> sendBeginNow(@Nullable Runnable answered) {
        return Steps.then(applyIsolationNow(), () -> {
            boolean readOnly = this.options.get().readOnly();
            this.core.echo.line(readOnly ? "BEGIN READ ONLY (implicit)" : "BEGIN (implicit)");
            Connection raw = this.link.raw();
            Publisher<Void> begin = readOnly ? raw.beginTransaction(READ_ONLY) : raw.beginTransaction();
            return event(EngineEvents.Command.BEGIN, null,
                    answered == null ? this.link.command(begin) : this.link.command(begin, answered));
        });
    }

    /** Runs a command with its transaction listeners before it. */
    Mono<Void> event(EngineEvents.Command command, @Nullable String savepoint, Mono<Void> send) {
        return this.core.events.around(command, new TransactionEvent(this.connection, savepoint), send);
    }

    /** Puts the connection at the isolation level of its execution options, if they name one. */
    Mono<Void> applyIsolation() {
        return Mono.defer(this::applyIsolationNow);
    }

    /** {@link #applyIsolation} decided now: {@link Mono#empty()} when the options name no isolation level. */
    private Mono<Void> applyIsolationNow() {
        IsolationLevel level = this.options.get().isolationLevel();
        return level == null ? Mono.empty() : this.link.isolation(level);
    }

    /** Ends the books of every transaction; true when the root's BEGIN was sent (so COMMIT or ROLLBACK must be). */
    boolean endAll() {
        boolean begun = this.stack.root() != null;
        this.stack.endAll();
        boolean sent = begun && !this.beginDeferred;
        this.beginDeferred = false;
        return sent;
    }

    Mono<Void> commit(DefaultAsyncTransaction transaction) {
        return Mono.defer(() -> commitNow(transaction));
    }

    /**
     * {@link #commit} made now, for a step about to run: the open stream closed and the connection checked first, each
     * costing no operator when there is nothing to do.
     */
    private Mono<Void> commitNow(DefaultAsyncTransaction transaction) {
        if (!transaction.isActive()) {
            return Mono.error(new InvalidRequestError("This transaction is inactive"));
        }
        return Steps.then(this.link.closeStreamNow(), () -> Steps.then(this.link.usableNow(this.stack.root() != null), () -> {
            String savepoint = transaction.savepoint();
            if (savepoint != null) {
                this.core.echo.line("RELEASE SAVEPOINT " + savepoint);
                this.stack.endSavepoint(transaction);
                return event(EngineEvents.Command.RELEASE_SAVEPOINT, savepoint,
                        this.link.command(this.link.raw().releaseSavepoint(savepoint)));
            }
            if (!endAll()) {
                return Mono.empty();
            }
            this.core.echo.line("COMMIT");
            return event(EngineEvents.Command.COMMIT, null, this.link.command(this.link.raw().commitTransaction()));
        }));
    }

    /**
     * Rolls a transaction back. After an invalidation the transaction died with its connection: only the books are
     * reset. Past the cleanup time limit the connection is discarded: outside a savepoint the rollback then completes
     * and the next statement checks out a new connection; a savepoint's leaves the outer transaction lost.
     */
    Mono<Void> rollback(DefaultAsyncTransaction transaction) {
        return Mono.defer(() -> {
            if (!transaction.isActive()) {
                return Mono.empty();
            }
            return this.link.closeStream().then(this.link.settleInterruption()).then(Mono.defer(() -> {
                String savepoint = transaction.savepoint();
                if (savepoint != null) {
                    this.core.echo.line("ROLLBACK TO SAVEPOINT " + savepoint);
                    this.stack.endSavepoint(transaction);
                    return !this.link.attached() ? Mono.empty() : event(EngineEvents.Command.ROLLBACK_SAVEPOINT, savepoint,
                            this.link.limited(this.link.command(this.link.raw().rollbackTransactionToSavepoint(savepoint)),
                                    "ROLLBACK TO SAVEPOINT"));
                }
                if (!endAll()) {
                    return Mono.empty();
                }
                this.core.echo.line("ROLLBACK");
                return !this.link.attached() ? Mono.empty() : event(EngineEvents.Command.ROLLBACK, null,
                        this.link.limited(this.link.command(this.link.raw().rollbackTransaction()), "ROLLBACK"));
            }));
        });
    }

    /** Commits the root transaction, if any; made now, for a step about to run. */
    Mono<Void> commitRootNow() {
        DefaultAsyncTransaction root = this.stack.root();
        return root == null ? Mono.empty() : commitNow(root);
    }

    Mono<Void> rollbackRoot() {
        return Mono.defer(() -> {
            DefaultAsyncTransaction root = this.stack.root();
            return root == null ? Mono.empty() : rollback(root);
        });
    }

    /** The link's usability check, knowing whether a transaction is on the books. */
    Mono<Void> usable() {
        return Mono.defer(() -> this.link.usable(this.stack.root() != null));
    }

    /** {@link #usable()} for new work (a statement, a savepoint), which an ended transaction block refuses. */
    Mono<Void> readyForWork() {
        return Mono.defer(this::readyForWorkNow);
    }

    /** {@link #readyForWork} decided now, for a step made when it is about to run ({@link Mono#empty()} when ready). */
    Mono<Void> readyForWorkNow() {
        return closedInBlock() ? Mono.error(new InvalidRequestError(InvalidRequestError.CLOSED_TRANSACTION_IN_BLOCK))
                : this.link.usableNow(this.stack.root() != null);
    }

    AsyncConnection connection() {
        return this.connection;
    }

    boolean inTransaction() {
        return this.stack.root() != null;
    }

    boolean inSavepoint() {
        return this.stack.inSavepoint();
    }

    Optional<AsyncTransaction> root() {
        return Optional.ofNullable(this.stack.root());
    }

    Optional<AsyncTransaction> innermostSavepoint() {
        return this.stack.innermostSavepoint();
    }

    /** An R2DBC transaction definition for a read-only transaction (the isolation level is the connection's). */
    private static final TransactionDefinition READ_ONLY = new TransactionDefinition() {
        @Override
        @SuppressWarnings("unchecked")
        public <T> @Nullable T getAttribute(Option<T> option) {
            return option.equals(TransactionDefinition.READ_ONLY) ? (T) Boolean.TRUE : null;
        }
    };
}
