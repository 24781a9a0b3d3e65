package io.asyncorm.engine;

import io.asyncorm.dialect.Dialect;
import io.asyncorm.exception.ArgumentError;
import io.asyncorm.exception.AsyncMethodRequired;
import io.asyncorm.exception.InvalidRequestError;
import io.asyncorm.internal.RowMappedExecution;
import io.asyncorm.internal.Steps;
import io.asyncorm.internal.SyncBridge;
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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The connection: statements (buffered, streamed, COPY) compiled and sent by {@link StatementRunner}, with
 * the execute listeners around them. Its transaction commands are in {@link ConnectionTransactions}; its
 * hold on the driver connection (checkout, in-flight mark, open stream, release and discard, error
 * translation) is in {@link ConnectionLink}. Both sit below it: neither calls back up.
 */
final class DefaultAsyncConnection implements AsyncConnection, RowMappedExecution<ExecutionOptions> {

    private final DefaultAsyncEngine engine;

    private final EngineCore core;

    private final ConnectionLink link;

    private final ConnectionTransactions transactions;

    private volatile ExecutionOptions options = ExecutionOptions.none();

    DefaultAsyncConnection(DefaultAsyncEngine engine, EngineCore core, EngineCore.Checkout checkout) {
        this.engine = engine;
        this.core = core;
        this.link = new ConnectionLink(core, this, checkout);
        this.transactions = new ConnectionTransactions(core, this.link, this, this::getExecutionOptions);
    }

    // ---------------------------------------------------------------- execution

    @Override
    public Mono<Result> execute(Executable statement, List<? extends Map<String, ?>> parameterSets, ExecutionOptions callOptions) {
        return Mono.defer(() -> {
            ExecutionOptions effective = getExecutionOptions().merge(callOptions);
            if (effective.streamResults() || effective.yieldPer() != null) {
                return Mono.error(streamingRequired());
            }
            List<Map<String, ?>> sets = List.copyOf(statement.prepareParameters(List.copyOf(parameterSets)));
            Optional<List<Executable>> pages = sets.size() > 1 ? statement.rewriteMany(this.core.dialect, sets) : Optional.empty();
            if (pages.isPresent()) {
                return Flux.fromIterable(pages.get())
                        .concatMap(page -> execute(page, List.of(), callOptions))
                        .collectList()
                        .map(Result::concat);
            }
            return prepare(statement, sets, callOptions.pureRead(), prepared -> sent(prepared, effective.timeout(), StatementRunner
                    .run(prepared.connection, this.core.dialect, this.core.echo, prepared.compiled, prepared.context.parameters(), 0,
                            callOptions.pureRead())
                    .collectList()
                    .map(items -> StatementRunner.toResult(items, statement, this.core.dialect, callOptions.pureRead())), Result::rowCount));
        });
    }

    @Override
    public <T> Mono<List<T>> executeMapped(Executable statement, Map<String, ?> parameters, ExecutionOptions callOptions,
            Function<Row, @Nullable T> mapper) {
        return Mono.defer(() -> {
            ExecutionOptions effective = getExecutionOptions().merge(callOptions);
            if (effective.streamResults() || effective.yieldPer() != null) {
                return Mono.error(streamingRequired());
            }
            List<Map<String, ?>> sets = List.copyOf(statement.prepareParameters(parameters.isEmpty() ? List.of() : List.of(parameters)));
            return prepare(statement, sets, callOptions.pureRead(), prepared -> {
                StatementRunner.MappedRows<T> rows = new StatementRunner.MappedRows<>(this.core.dialect, prepared.compiled.sql(), mapper);
                return sent(prepared, effective.timeout(), StatementRunner.runMapped(prepared.connection, this.core.dialect, this.core.echo,
                        prepared.compiled, prepared.context.parameters(), callOptions.pureRead(), rows), made -> rows.rowCount());
            });
        });
    }

    private static AsyncMethodRequired streamingRequired() {
        return new AsyncMethodRequired("Can't use the AsyncConnection.execute() method with a server-side cursor. Use the "
                + "AsyncConnection.stream() method for an async streaming result set.");
    }

    /**
     * A prepared statement's I/O, marked unsettled while it runs and limited by the timeout. A statement's error goes
     * through the handle-error listeners; a CancellationException they raise, or the driver or an afterExecute listener
     * raises, invalidates the connection. A row mapper's exception passes as it is (the statement succeeded). Without
     * afterExecute listeners the result passes with no operator of its own.
     */
    private <R> Mono<R> sent(Prepared prepared, @Nullable Duration timeout, Mono<R> io, ToLongFunction<R> rowCount) {
        Mono<R> ran = limited(this.link.unsettled(io), timeout, prepared.context).onErrorResume(error -> error instanceof
                StatementRunner.MappingFailure refused ? Mono.error(refused.mapperError()) : this.link.<R>fail(error, prepared.context)
                        .onErrorResume(CancellationException.class, this.link::invalidateOnCancellation));
        if (!this.core.events.listensAfterExecute()) {
            return ran;
        }
        return ran.flatMap(result -> this.core.events.fireAfterExecute(prepared.context.withRowCount(rowCount.applyAsLong(result)))
                        .thenReturn(result))
                .onErrorResume(CancellationException.class, this.link::invalidateOnCancellation);
    }

    /** The statement's I/O, cancelled after the timeout execution option (if any) with a {@code StatementTimeoutError}. */
    private <T> Mono<T> limited(Mono<T> io, @Nullable Duration timeout, ExecuteContext context) {
        return timeout == null ? io : io.timeout(timeout).onErrorResume(TimeoutException.class, late -> this.link.timedOut(timeout, context));
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
            return prepare(statement, sets, false, prepared -> {
                Flux<Row> rows = StatementRunner
                        .run(prepared.connection, this.core.dialect, this.core.echo, prepared.compiled, prepared.context.parameters(), fetchSize,
                                callOptions.pureRead())
                        .ofType(Row.class)
                        .onErrorResume(error -> this.link.fail(error, prepared.context));
                // The connection owns the result before the driver is subscribed, so a cancel at any point reaches the
                // driver's cursor. Until the first row has arrived the statement is in flight: cancelled then, the driver
                // may never finish its conversation (pgjdbc/r2dbc-postgresql#536), so the connection is discarded.
                return this.link.unsettled(AsyncResult.open(rows, fetchSize, this.link::openStream))
                        .flatMap(result -> this.core.events.fireAfterExecute(prepared.context).thenReturn(result))
                        .onErrorResume(CancellationException.class, this.link::invalidateOnCancellation)
                        .onErrorResume(error -> this.link.closeStream().then(Mono.error(error)));
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
            return this.transactions.readyForWork().then(this.transactions.autobegin(false)).then(Mono.defer(() -> {
                this.core.echo.line(sql);
                return PostgresCopyIn.copy(this.link.raw(), sql, columns, rows).onErrorResume(error -> this.link.fail(error, context));
            }));
        });
    }

    /** A statement ready to send: the connection, its SQL, and the listeners' context. */
    private record Prepared(Connection connection, CompiledStatement compiled, ExecuteContext context) {
    }

    /**
     * Checks the connection, begins as needed, compiles and tells the listeners, then sends the statement with
     * {@code send}; {@code parameters} are already prepared. Made at subscription (inside the caller's {@code defer}), so
     * the checks are made now and each step with nothing to do (a usable connection, a transaction already begun, no
     * listener) costs no operator: the usual statement is handed to {@code send} at once, with no value passed between
     * operators.
     */
    private <R> Mono<R> prepare(Executable statement, List<Map<String, ?>> parameters, boolean pureRead, Function<Prepared, Mono<R>> send) {
        return Steps.then(this.transactions.readyForWorkNow(), () -> Steps.then(this.transactions.autobeginNow(pureRead), () -> {
            CompiledStatement compiled = statement.compile(this.core.dialect,
                    parameters.isEmpty() ? Set.of() : parameters.get(0).keySet());
            if (compiled.parameterNames().size() > this.core.dialect.maxBindParameters()) {
                return Mono.error(tooManyParameters(compiled.parameterNames().size()));
            }
            ExecuteContext context = new ExecuteContext(this, compiled.sql(), parameters, -1);
            return Steps.then(this.core.events.fireBeforeExecute(context), () -> {
                this.core.echo.statement(compiled.sql(), parameters);
                return send.apply(new Prepared(this.link.raw(), compiled, context));
            });
        }));
    }

    private ArgumentError tooManyParameters(int count) {
        return new ArgumentError(String.format(Locale.ROOT, "This statement has %,d bind parameters; %s takes at most %,d in one "
                + "statement. Bind a long IN list as one array (Column.inExpanding: = ANY($1) on PostgreSQL), or split the "
                + "values into batches.", count, this.core.dialect.name(), this.core.dialect.maxBindParameters()));
    }

    // ---------------------------------------------------------------- transactions

    @Override
    public Mono<AsyncTransaction> begin() {
        return this.transactions.begin();
    }

    @Override
    public <T> Flux<T> begin(Function<? super AsyncTransaction, ? extends Publisher<T>> work) {
        return this.transactions.scoped(begin(), work);
    }

    @Override
    public Mono<AsyncTransaction> beginNested() {
        return this.transactions.beginNested();
    }

    @Override
    public <T> Flux<T> beginNested(Function<? super AsyncTransaction, ? extends Publisher<T>> work) {
        return this.transactions.scoped(beginNested(), work);
    }

    @Override
    public Mono<Void> commit() {
        return Mono.defer(() -> this.link.isClosed() ? Mono.error(ConnectionLink.closedError()) : this.transactions.commitRootNow());
    }

    @Override
    public Mono<Void> rollback() {
        return this.transactions.rollbackRoot();
    }

    // ---------------------------------------------------------------- lifecycle

    @Override
    public Mono<Void> close() {
        // Uncancellable: once begun, a cancel from downstream cannot cut the release short (a pool slot half given back is
        // never given back). Each step has its own time limit.
        return Uncancellable.of(() -> {
            if (!this.link.markClosed()) {
                return Mono.empty();
            }
            // Each step made once the one before has run, and skipped when it has nothing to do (no stream open, no
            // statement cut short): the usual close is the release alone.
            return Steps.then(this.link.closeStreamNow(), () -> Steps.then(this.link.settleInterruptionNow(), () -> {
                        boolean rollback = this.transactions.endAll();
                        // The rollback listeners see the close's ROLLBACK; their failure is logged, the release goes on.
                        Mono<Void> listeners = rollback && this.link.attached()
                                ? this.core.withinCleanupLimit(this.transactions.event(EngineEvents.Command.ROLLBACK, null, Mono.empty()),
                                        "A rollback listener on close").onErrorResume(error -> {
                                    EngineCore.logCleanupFailure("A rollback listener on close", error);
                                    return Mono.empty();
                                })
                                : Mono.empty();
                        return Steps.then(listeners, () -> this.link.releaseNow(rollback));
                    }));
        }, "Closing a connection");
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
            if (this.link.isClosed()) {
                return Mono.error(ConnectionLink.closedError());
            }
            return this.link.isInvalidated() ? Mono.empty() : this.link.discard(false);
        });
    }

    // ---------------------------------------------------------------- accessors

    @Override
    public Mono<AsyncConnection> executionOptions(ExecutionOptions added) {
        return Mono.defer(() -> {
            if (this.link.isClosed()) {
                return Mono.error(ConnectionLink.closedError());
            }
            if ((added.isolationLevel() != null || added.readOnly()) && this.transactions.inTransaction()) {
                return Mono.error(new InvalidRequestError("Can't change the isolation level or read-only mode inside a transaction; "
                        + "commit() or rollback() first, or set it before the first statement."));
            }
            this.options = this.options.merge(added);
            // As SQLAlchemy: an isolation level applies to the connection at once (and is reset when it goes back to the pool).
            return (added.isolationLevel() != null ? this.transactions.applyIsolation() : Mono.<Void>empty()).thenReturn(this);
        });
    }

    @Override
    public ExecutionOptions getExecutionOptions() {
        return this.engine.executionOptions().merge(this.options);
    }

    @Override
    public boolean inTransaction() {
        return this.transactions.inTransaction();
    }

    @Override
    public boolean inNestedTransaction() {
        return this.transactions.inSavepoint();
    }

    @Override
    public Optional<AsyncTransaction> getTransaction() {
        return this.transactions.root();
    }

    @Override
    public Optional<AsyncTransaction> getNestedTransaction() {
        return this.transactions.innermostSavepoint();
    }

    @Override
    public Mono<IsolationLevel> getIsolationLevel() {
        // The engine's level (if it sets one) is applied before the first BEGIN; asking for the level applies it too.
        return this.transactions.usable().then(this.transactions.applyIsolation()).then(this.link.serverIsolation());
    }

    @Override
    public Mono<IsolationLevel> getDefaultIsolationLevel() {
        return this.transactions.usable().then(this.link.defaultIsolation());
    }

    @Override
    public Mono<Connection> getRawConnection() {
        // Whoever works on the driver connection directly works inside the transaction: a deferred BEGIN goes now.
        return this.transactions.usable().then(this.transactions.sendDeferredBegin()).then(Mono.fromCallable(this.link::raw));
    }

    @Override
    public Map<String, Object> info() {
        return this.link.info();
    }

    @Override
    public boolean isClosed() {
        return this.link.isClosed();
    }

    @Override
    public boolean isInvalidated() {
        return this.link.isInvalidated();
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
        return "AsyncConnection(" + this.core.url + (this.link.isClosed() ? ", closed" : "") + ")";
    }
}
