package io.asyncorm.engine;

import io.asyncorm.internal.SyncBridge;
import io.asyncorm.dialect.Dialect;
import io.asyncorm.exception.AsyncMethodRequired;
import io.asyncorm.exception.InvalidRequestError;
import io.asyncorm.exception.OperationalError;
import io.asyncorm.exception.PendingRollbackError;
import io.asyncorm.exception.ResourceClosedError;
import io.asyncorm.result.AsyncResult;
import io.asyncorm.result.AsyncScalarResult;
import io.asyncorm.result.Result;
import io.asyncorm.result.Row;
import io.asyncorm.result.ScalarResult;
import io.asyncorm.sql.Column;
import io.asyncorm.sql.CompiledStatement;
import io.asyncorm.sql.Executable;
import io.asyncorm.sql.Table;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.IsolationLevel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The connection: autobegin, the transaction and savepoint stack, the one-open-stream rule,
 * invalidation and reconnection. Statements are sent by {@link StatementRunner}; errors are
 * translated by the engine's {@link ExceptionTranslator}.
 */
final class DefaultAsyncConnection implements AsyncConnection {

    private static final String ALREADY_BEGUN = "This connection has already begun a transaction via begin() or "
            + "autobegin; can't call begin() here unless rollback() or commit() is called first.";

    private final DefaultAsyncEngine engine;

    private final EngineCore core;

    private EngineCore.@Nullable Checkout checkout;

    private ExecutionOptions options = ExecutionOptions.none();

    private final TransactionStack transactions = new TransactionStack();

    private boolean closed;

    private boolean invalidated;

    /** The root transaction is begun in the engine's books, but its BEGIN waits for a statement that is not a pure read. */
    private boolean beginDeferred;

    /** Set while a statement or transaction command is with the driver; still set after a cancel. See {@link #unsettled}. */
    private final java.util.concurrent.atomic.AtomicBoolean interrupted = new java.util.concurrent.atomic.AtomicBoolean();

    private @Nullable AsyncResult openStream;

    DefaultAsyncConnection(DefaultAsyncEngine engine, EngineCore core, EngineCore.Checkout checkout) {
        this.engine = engine;
        this.core = core;
        this.checkout = checkout;
    }

    // ---------------------------------------------------------------- execution

    @Override
    public Mono<Result> execute(Executable statement, List<? extends Map<String, ?>> parameterSets, ExecutionOptions callOptions) {
        return Mono.defer(() -> {
            ExecutionOptions effective = getExecutionOptions().merge(callOptions);
            if (effective.streamResults() || effective.yieldPer() != null) {
                return Mono.error(new AsyncMethodRequired("Can't use the AsyncConnection.execute() method with a "
                        + "server-side cursor. Use the AsyncConnection.stream() method for an async streaming result set."));
            }
            List<Map<String, ?>> sets = List.copyOf(statement.prepareParameters(List.copyOf(parameterSets)));
            Optional<List<Executable>> pages = sets.size() > 1 ? statement.rewriteMany(this.core.dialect, sets) : Optional.empty();
            if (pages.isPresent()) {
                return Flux.fromIterable(pages.get())
                        .concatMap(page -> execute(page, List.of(), callOptions))
                        .collectList()
                        .map(Result::concat);
            }
            return prepare(statement, sets, callOptions.pureRead()).flatMap(prepared -> unsettled(StatementRunner
                    .run(prepared.connection, this.core.dialect, this.core.echo, prepared.compiled, prepared.context.parameters(), 0)
                    .collectList())
                    .map(StatementRunner::toResult)
                    .onErrorResume(error -> fail(error, prepared.context))
                    .flatMap(result -> this.core.events.fireAfterExecute(prepared.context.withRowCount(result.rowCount()))
                            .thenReturn(result))
                    .onErrorResume(CancellationException.class, this::invalidateOnCancellation));
        });
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> Mono<Optional<T>> scalar(Executable statement, Map<String, ?> parameters) {
        return execute(statement, parameters.isEmpty() ? List.of() : List.of(parameters), ExecutionOptions.none())
                .flatMap(result -> Mono.justOrEmpty(result.first()))
                .map(row -> Optional.ofNullable((T) row.get(0)));
    }

    @Override
    public <T> Mono<ScalarResult<T>> scalars(Executable statement, Map<String, ?> parameters) {
        return execute(statement, parameters.isEmpty() ? List.of() : List.of(parameters), ExecutionOptions.none())
                .map(Result::<T>scalars);
    }

    @Override
    public Mono<AsyncResult> stream(Executable statement, Map<String, ?> parameters, ExecutionOptions callOptions) {
        return Mono.defer(() -> {
            if (!this.core.dialect.supportsServerSideCursors()) {
                return Mono.error(new InvalidRequestError("Can't use stream() or streamScalars() with the "
                        + this.core.dialect.name() + " dialect since it does not support server side cursors."));
            }
            ExecutionOptions effective = getExecutionOptions().merge(callOptions);
            int fetchSize = effective.yieldPer() != null ? effective.yieldPer() : this.core.options.fetchSize();
            List<Map<String, ?>> sets = List.copyOf(statement.prepareParameters(parameters.isEmpty() ? List.of() : List.of(parameters)));
            return prepare(statement, sets, false).flatMap(prepared -> {
                Flux<Row> rows = StatementRunner
                        .run(prepared.connection, this.core.dialect, this.core.echo, prepared.compiled, prepared.context.parameters(), fetchSize)
                        .ofType(Row.class)
                        .onErrorResume(error -> fail(error, prepared.context));
                // The connection owns the result before the driver is subscribed, so a cancel at any point reaches the
                // driver's cursor. Until the first row has arrived the statement is in flight: cancelled then, the driver
                // may never finish its conversation (pgjdbc/r2dbc-postgresql#536), so the connection is discarded.
                return unsettled(AsyncResult.open(rows, fetchSize, result -> this.openStream = result))
                        .flatMap(result -> this.core.events.fireAfterExecute(prepared.context).thenReturn(result))
                        .onErrorResume(CancellationException.class, this::invalidateOnCancellation)
                        .onErrorResume(error -> closeStream().then(Mono.error(error)));
            });
        });
    }

    @Override
    public <T> Flux<T> stream(Executable statement, Map<String, ?> parameters,
            Function<? super AsyncResult, ? extends Publisher<T>> work) {
        return Flux.usingWhen(stream(statement, parameters), work, AsyncResult::close,
                (result, error) -> result.close(), AsyncResult::close);
    }

    @Override
    public <T> Mono<AsyncScalarResult<T>> streamScalars(Executable statement, Map<String, ?> parameters) {
        return stream(statement, parameters).map(AsyncResult::<T>scalars);
    }

    @Override
    public <T, R> Flux<R> streamScalars(Executable statement, Map<String, ?> parameters,
            Function<? super AsyncScalarResult<T>, ? extends Publisher<R>> work) {
        return Flux.usingWhen(this.<T>streamScalars(statement, parameters), work, AsyncScalarResult::close,
                (result, error) -> result.close(), AsyncScalarResult::close);
    }

    @Override
    public Mono<Long> copyIn(Table table, List<Column<?>> columns, Publisher<? extends List<?>> rows) {
        return Mono.defer(() -> {
            if (!this.core.dialect.name().equals("postgresql")) {
                return Mono.error(new InvalidRequestError("COPY FROM STDIN is PostgreSQL's; on " + this.core.dialect.name()
                        + " load rows with execute(insert(table), parameterSets), which sends multi-row VALUES pages"));
            }
            String sql = PostgresCopyIn.sql(table, columns);
            ExecuteContext context = new ExecuteContext(this, sql, List.of(), -1);
            return usable().then(autobegin()).then(Mono.defer(() -> {
                this.core.echo.line(sql);
                return PostgresCopyIn.copy(raw(), sql, columns, rows).onErrorResume(error -> fail(error, context));
            }));
        });
    }

    /** A statement ready to send: the connection, its SQL, and the listeners' context. */
    private record Prepared(Connection connection, CompiledStatement compiled, ExecuteContext context) {
    }

    /** Checks the connection, begins as needed, compiles and tells the listeners; {@code parameters} are already prepared. */
    private Mono<Prepared> prepare(Executable statement, List<Map<String, ?>> parameters, boolean pureRead) {
        return usable().then(autobegin(pureRead)).then(Mono.defer(() -> {
            CompiledStatement compiled = statement.compile(this.core.dialect,
                    parameters.isEmpty() ? Set.of() : parameters.get(0).keySet());
            ExecuteContext context = new ExecuteContext(this, compiled.sql(), parameters, -1);
            return this.core.events.fireBeforeExecute(context).then(Mono.fromCallable(() -> {
                this.core.echo.statement(compiled.sql(), parameters);
                return new Prepared(raw(), compiled, context);
            }));
        }));
    }

    /**
     * A {@link CancellationException} raised while a statement ran (by the driver or an {@code afterExecute} listener,
     * SQLAlchemy's exit exceptions) leaves the protocol state unknown: the connection is invalidated, as SQLAlchemy
     * does. Raised before the statement was sent (a {@code beforeExecute} listener) it is not.
     */
    private <T> Mono<T> invalidateOnCancellation(CancellationException error) {
        return (this.invalidated ? Mono.<Void>empty() : discard(true)).then(Mono.error(error));
    }

    /** Translates a failure; a lost connection is invalidated before the error is signalled. */
    private <T> Mono<T> fail(Throwable error, @Nullable ExecuteContext context) {
        Throwable translated = this.core.translator.translate(error,
                context == null ? null : context.sql(), context == null ? List.of() : context.parameters());
        ErrorContext errorContext = new ErrorContext(this, context == null ? null : context.sql(),
                context == null ? List.of() : context.parameters(), translated);
        if (translated instanceof OperationalError operational && operational.isConnectionInvalidated() && !this.invalidated) {
            return discard(false).then(this.core.events.fireHandleError(errorContext));
        }
        return this.core.events.fireHandleError(errorContext);
    }

    // ---------------------------------------------------------------- transactions

    @Override
    public Mono<AsyncTransaction> begin() {
        return Mono.defer(() -> {
            if (this.transactions.root() != null) {
                return Mono.error(new InvalidRequestError(ALREADY_BEGUN));
            }
            return usable().then(beginRoot());
        });
    }

    @Override
    public <T> Flux<T> begin(Function<? super AsyncTransaction, ? extends Publisher<T>> work) {
        return scoped(begin(), work);
    }

    @Override
    public Mono<AsyncTransaction> beginNested() {
        return usable().then(autobegin()).then(Mono.defer(() -> {
            String name = this.transactions.nextSavepointName();
            this.core.echo.line("SAVEPOINT " + name);
            return transactionCommand(raw().createSavepoint(name))
                    .then(Mono.fromCallable(() -> this.transactions.pushSavepoint(this, name)));
        }));
    }

    @Override
    public <T> Flux<T> beginNested(Function<? super AsyncTransaction, ? extends Publisher<T>> work) {
        return scoped(beginNested(), work);
    }

    private <T> Flux<T> scoped(Mono<AsyncTransaction> start, Function<? super AsyncTransaction, ? extends Publisher<T>> work) {
        // The commit is part of the work (not the completion cleanup), so its error reaches the caller as it is and rolls back.
        return Flux.usingWhen(start, transaction -> Flux.<T>from(work.apply(transaction))
                        .concatWith(Mono.defer(() -> transaction.isActive() ? transaction.commit() : Mono.<Void>empty()).then(Mono.empty())),
                transaction -> Mono.empty(),
                (transaction, error) -> transaction.isActive() ? rollbackQuietly(transaction) : Mono.empty(),
                this::rollbackQuietly);
    }

    /** Rolls back after an error or cancel (within the cleanup time limit, see {@link #limited}); a failure is logged. */
    private Mono<Void> rollbackQuietly(AsyncTransaction transaction) {
        return transaction.rollback().onErrorResume(error -> {
            EngineCore.logCleanupFailure("Rolling back after an error or cancel", error);
            return Mono.empty();
        });
    }

    private Mono<Void> autobegin() {
        return autobegin(false);
    }

    /**
     * Begins the root transaction if there is none, and makes sure its BEGIN has been sent unless the statement is a
     * pure read that may run before it (see {@link EngineOptions#deferBegin()}).
     */
    private Mono<Void> autobegin(boolean pureRead) {
        return Mono.defer(() -> {
            if (this.transactions.root() == null) {
                if (pureRead && mayDeferBegin()) {
                    this.transactions.beginRoot(this);
                    this.beginDeferred = true;
                    return Mono.empty();
                }
                return beginRoot().then();
            }
            if (this.beginDeferred && !pureRead) {
                this.beginDeferred = false;
                return sendBegin();
            }
            return Mono.empty();
        });
    }

    /**
     * Whether BEGIN may wait for the first statement that is not a pure read: only on PostgreSQL, at the server's
     * READ COMMITTED default (which r2dbc-postgresql reads when it connects), where every statement takes its own
     * snapshot with or without the transaction, and never for a read-only transaction.
     */
    private boolean mayDeferBegin() {
        ExecutionOptions options = getExecutionOptions();
        return this.core.options.deferBegin() && this.core.dialect.name().equals("postgresql") && options.isolationLevel() == null
                && !options.readOnly() && IsolationLevel.READ_COMMITTED.equals(raw().getTransactionIsolationLevel());
    }

    private Mono<AsyncTransaction> beginRoot() {
        return sendBegin().then(Mono.fromCallable(() -> this.transactions.beginRoot(this)));
    }

    private Mono<Void> sendBegin() {
        return Mono.defer(() -> {
            ExecutionOptions options = getExecutionOptions();
            IsolationLevel isolation = options.isolationLevel();
            this.core.echo.line(options.readOnly() ? "BEGIN READ ONLY (implicit)" : "BEGIN (implicit)");
            Connection connection = raw();
            Publisher<Void> begin = options.readOnly() ? connection.beginTransaction(new ReadOnlyDefinition(isolation))
                    : isolation == null ? connection.beginTransaction() : connection.beginTransaction(isolation);
            return transactionCommand(begin);
        });
    }

    /** Ends the engine's record of the transaction; true when its BEGIN was sent (so COMMIT or ROLLBACK must be). */
    private boolean endTransactions() {
        this.transactions.endAll();
        boolean sent = !this.beginDeferred;
        this.beginDeferred = false;
        return sent;
    }

    /**
     * Sends BEGIN, COMMIT, ROLLBACK or a savepoint command. Cancelled before it answered, the server may or may
     * not have run it (a BEGIN cancelled "before" may still be written): the connection is discarded, never
     * released with a transaction the engine does not know about.
     */
    private Mono<Void> transactionCommand(Publisher<Void> command) {
        return unsettled(Mono.from(command)).onErrorResume(error -> fail(error, null));
    }

    Mono<Void> commitTransaction(DefaultAsyncTransaction transaction) {
        return Mono.defer(() -> {
            if (!transaction.isActive()) {
                return Mono.error(new InvalidRequestError("This transaction is inactive"));
            }
            return closeStream().then(usable()).then(Mono.defer(() -> {
                String savepoint = transaction.savepoint();
                if (savepoint != null) {
                    this.core.echo.line("RELEASE SAVEPOINT " + savepoint);
                    this.transactions.endSavepoint(transaction);
                    return transactionCommand(raw().releaseSavepoint(savepoint));
                }
                if (!endTransactions()) {
                    return Mono.empty();
                }
                this.core.echo.line("COMMIT");
                return transactionCommand(raw().commitTransaction());
            }));
        });
    }

    Mono<Void> rollbackTransaction(DefaultAsyncTransaction transaction) {
        return Mono.defer(() -> {
            if (!transaction.isActive()) {
                return Mono.empty();
            }
            return closeStream().then(settleInterruption()).then(Mono.defer(() -> {
                String savepoint = transaction.savepoint();
                if (savepoint != null) {
                    this.core.echo.line("ROLLBACK TO SAVEPOINT " + savepoint);
                    this.transactions.endSavepoint(transaction);
                    return this.checkout == null ? Mono.empty()
                            : limited(transactionCommand(raw().rollbackTransactionToSavepoint(savepoint)), "ROLLBACK TO SAVEPOINT");
                }
                if (!endTransactions()) {
                    return Mono.empty();
                }
                this.core.echo.line("ROLLBACK");
                // After an invalidation the transaction died with its connection: only the state is reset.
                return this.checkout == null ? Mono.empty()
                        : limited(transactionCommand(raw().rollbackTransaction()), "ROLLBACK");
            }));
        });
    }

    /**
     * A rollback that has not answered within the cleanup time limit (it waits behind a statement the driver is still
     * draining, or on a server that does not answer) is given up: the connection is discarded, which ends its
     * transaction on the server all the same. Outside a savepoint the rollback then completes, and the next statement
     * checks out a new connection; a savepoint's rollback leaves the outer transaction lost ({@code PendingRollbackError}).
     */
    private Mono<Void> limited(Mono<Void> rollback, String command) {
        return rollback.timeout(this.core.options.cleanupTimeout(), Mono.defer(() -> {
            EngineCore.logCleanupFailure(command, new java.util.concurrent.TimeoutException(command + " did not answer within "
                    + this.core.options.cleanupTimeout().toMillis() + " ms (cleanupTimeout); the connection is discarded"));
            return discard(true);
        }));
    }

    @Override
    public Mono<Void> commit() {
        return Mono.defer(() -> {
            if (this.closed) {
                return Mono.error(closedError());
            }
            DefaultAsyncTransaction root = this.transactions.root();
            return root == null ? Mono.empty() : commitTransaction(root);
        });
    }

    @Override
    public Mono<Void> rollback() {
        return Mono.defer(() -> {
            DefaultAsyncTransaction root = this.transactions.root();
            return root == null ? Mono.empty() : rollbackTransaction(root);
        });
    }

    // ---------------------------------------------------------------- lifecycle

    @Override
    public Mono<Void> close() {
        return Mono.defer(() -> {
            if (this.closed) {
                return Mono.empty();
            }
            this.closed = true;
            // Run as usingWhen's cleanup: once begun, a cancel from downstream cannot cut the release short (a pool slot
            // half given back is never given back). Each step has its own time limit.
            Mono<Void> release = closeStream().then(settleInterruption()).then(Mono.defer(this::release));
            return Mono.usingWhen(Mono.just(this), connection -> Mono.empty(), connection -> release,
                    (connection, error) -> release, connection -> release);
        });
    }

    /**
     * Rolls back what was not committed and gives the connection back; on close. The ROLLBACK may wait behind a stream
     * the driver is still draining after a cancel (a query blocked on a lock, a slow first row): past the cleanup time
     * limit, or when it fails, the connection is destroyed instead of pooled.
     */
    private Mono<Void> release() {
        return Mono.defer(() -> {
            EngineCore.Checkout current = takeCheckout();
            boolean inTransaction = this.transactions.root() != null && endTransactions();
            if (current == null) {
                return Mono.empty();
            }
            if (!inTransaction) {
                return giveBack(current);
            }
            this.core.echo.line("ROLLBACK");
            return Mono.from(current.pooled().rollbackTransaction())
                    .timeout(this.core.options.cleanupTimeout())
                    .thenReturn(true)
                    .onErrorResume(error -> {
                        EngineCore.logCleanupFailure("ROLLBACK on close (the connection is discarded)", error);
                        return Mono.just(false);
                    })
                    .flatMap(clean -> clean ? giveBack(current) : destroy(current, true));
        });
    }

    private Mono<Void> giveBack(EngineCore.Checkout current) {
        return current.source().release(current.pooled()).onErrorMap(error -> this.core.translator.translate(error, null, List.of()));
    }

    /**
     * Closes the physical connection and gives it back so that the pool destroys it. When something may still run on
     * it (a statement or cleanup cancelled in flight), the database is first asked to cancel it, so its server process
     * stops now rather than when it next writes to the closed socket.
     */
    private Mono<Void> destroy(EngineCore.Checkout current, boolean cancelRunning) {
        this.core.physical.state(current.physical()).invalidated = true;
        Duration limit = this.core.options.cleanupTimeout();
        Mono<Void> cancel = cancelRunning ? this.core.dialect.cancelRunning(current.physical(), this.core.factory).timeout(limit) : Mono.empty();
        return cancel.onErrorResume(error -> Mono.empty())
                .then(Mono.from(current.physical().close()).timeout(limit))
                .onErrorResume(error -> Mono.empty())
                .then(current.source().release(current.pooled()))
                .onErrorResume(error -> {
                    EngineCore.logCleanupFailure("Releasing a discarded connection", error);
                    return Mono.empty();
                });
    }

    @Override
    public <T> Mono<T> runSync(Function<? super SyncConnection, ? extends T> block) {
        return Mono.defer(() -> {
            DefaultSyncConnection sync = new DefaultSyncConnection(this);
            return SyncBridge.<T>run(() -> {
                try {
                    return block.apply(sync);
                } finally {
                    sync.end();
                }
            }, () -> rollback().onErrorResume(error -> {
                EngineCore.logCleanupFailure("Rolling back after a cancelled runSync", error);
                return Mono.empty();
            }));
        });
    }

    @Override
    public Mono<Void> invalidate() {
        return Mono.defer(() -> {
            if (this.closed) {
                return Mono.error(closedError());
            }
            return this.invalidated ? Mono.empty() : discard(false);
        });
    }

    /**
     * Runs driver I/O with the connection marked unsettled until the driver answers (success or error). Cancelled
     * meanwhile, the mark stays: the database may still be running the statement or COMMIT, so the connection is
     * discarded before its next use, rollback or close, never rolled back and handed out again (a late statement
     * could otherwise run after the ROLLBACK). Marking at subscription, not only on the cancel signal, also covers a
     * cancel whose cleanup (rollback, close) runs while the I/O is still being subscribed.
     */
    private <T> Mono<T> unsettled(Mono<T> io) {
        return Mono.defer(() -> {
            this.interrupted.set(true);
            return io.doOnSuccess(value -> this.interrupted.set(false)).doOnError(error -> this.interrupted.set(false));
        });
    }

    /** Takes the checkout out of this connection, once: release and discard may race after a cancel. */
    private synchronized EngineCore.@Nullable Checkout takeCheckout() {
        EngineCore.Checkout current = this.checkout;
        this.checkout = null;
        return current;
    }

    private Mono<Void> settleInterruption() {
        return Mono.defer(() -> {
            if (!this.interrupted.compareAndSet(true, false)) {
                return Mono.empty();
            }
            return this.invalidated ? Mono.empty() : discard(true);
        });
    }

    /**
     * Invalidates the connection: closes the physical connection and makes sure the pool destroys it instead of
     * reusing it. A stream still open on it is forgotten, not closed: closing the connection ends the driver's cursor,
     * and a stream failing with the lost connection must report that error, not "closed".
     *
     * @param cancelRunning whether a statement may still be running on it (see {@link #destroy})
     */
    private Mono<Void> discard(boolean cancelRunning) {
        return Mono.defer(() -> {
            this.invalidated = true;
            this.openStream = null;
            EngineCore.Checkout current = takeCheckout();
            return current == null ? Mono.empty() : destroy(current, cancelRunning);
        });
    }

    /** Fails on a closed connection, an open stream or a pending rollback; reconnects after an invalidation. */
    private Mono<Void> usable() {
        return Mono.defer(() -> {
            if (this.closed) {
                return Mono.error(closedError());
            }
            if (this.openStream != null && !this.openStream.isClosed()) {
                return Mono.error(new InvalidRequestError("This connection has an open streamed result; read it to the "
                        + "end or close it before running another statement on the connection."));
            }
            if (this.interrupted.get()) {
                return settleInterruption().then(usable());
            }
            if (this.checkout != null) {
                return Mono.empty();
            }
            if (this.transactions.root() != null) {
                return Mono.error(new PendingRollbackError("Can't reconnect until invalid transaction is rolled back. "
                        + "Please rollback() fully before proceeding."));
            }
            return this.core.checkout().doOnNext(fresh -> {
                this.checkout = fresh;
                this.invalidated = false;
            }).then();
        });
    }

    /** Closes a streamed result still open on this connection, before the connection moves on. */
    private Mono<Void> closeStream() {
        return Mono.defer(() -> {
            AsyncResult stream = this.openStream;
            this.openStream = null;
            return stream == null ? Mono.empty() : stream.close();
        });
    }

    private Connection raw() {
        EngineCore.Checkout current = this.checkout;
        if (current == null) {
            throw closedError();
        }
        return current.pooled();
    }

    private static ResourceClosedError closedError() {
        return new ResourceClosedError("This Connection is closed");
    }

    // ---------------------------------------------------------------- accessors

    @Override
    public Mono<AsyncConnection> executionOptions(ExecutionOptions added) {
        return Mono.defer(() -> {
            if (this.closed) {
                return Mono.error(closedError());
            }
            if ((added.isolationLevel() != null || added.readOnly()) && this.transactions.root() != null) {
                return Mono.error(new InvalidRequestError("Can't change the isolation level or read-only mode inside a transaction; "
                        + "commit() or rollback() first, or set it before the first statement."));
            }
            this.options = this.options.merge(added);
            return Mono.just(this);
        });
    }

    @Override
    public ExecutionOptions getExecutionOptions() {
        return this.engine.executionOptions().merge(this.options);
    }

    @Override
    public boolean inTransaction() {
        return this.transactions.root() != null;
    }

    @Override
    public boolean inNestedTransaction() {
        return this.transactions.inSavepoint();
    }

    @Override
    public Optional<AsyncTransaction> getTransaction() {
        return Optional.ofNullable(this.transactions.root());
    }

    @Override
    public Optional<AsyncTransaction> getNestedTransaction() {
        return this.transactions.innermostSavepoint();
    }

    @Override
    public Mono<IsolationLevel> getIsolationLevel() {
        return usable().then(Mono.fromCallable(() -> raw().getTransactionIsolationLevel()));
    }

    @Override
    public Mono<Connection> getRawConnection() {
        // Whoever works on the driver connection directly works inside the transaction: a deferred BEGIN goes now.
        return usable().then(Mono.defer(() -> this.beginDeferred ? autobegin(false) : Mono.empty())).then(Mono.fromCallable(this::raw));
    }

    @Override
    public Map<String, Object> info() {
        EngineCore.Checkout current = this.checkout;
        if (current == null) {
            throw closedError();
        }
        return this.core.physical.state(current.physical()).info;
    }

    @Override
    public boolean isClosed() {
        return this.closed;
    }

    @Override
    public boolean isInvalidated() {
        return this.invalidated;
    }

    @Override
    public AsyncEngine engine() {
        return this.engine;
    }

    @Override
    public Dialect dialect() {
        return this.core.dialect;
    }

    @Override
    public String toString() {
        return "AsyncConnection(" + this.core.url + (this.closed ? ", closed" : "") + ")";
    }

    /** An R2DBC transaction definition for a read-only transaction at an optional isolation level. */
    private record ReadOnlyDefinition(@Nullable IsolationLevel isolation) implements io.r2dbc.spi.TransactionDefinition {

        @Override
        @SuppressWarnings("unchecked")
        public <T> @Nullable T getAttribute(io.r2dbc.spi.Option<T> option) {
            if (option.equals(io.r2dbc.spi.TransactionDefinition.READ_ONLY)) {
                return (T) Boolean.TRUE;
            }
            return option.equals(io.r2dbc.spi.TransactionDefinition.ISOLATION_LEVEL) ? (T) this.isolation : null;
        }
    }
}
