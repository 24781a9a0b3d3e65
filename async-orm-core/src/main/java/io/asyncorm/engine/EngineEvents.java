package io.asyncorm.engine;

import io.r2dbc.spi.Connection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.reactivestreams.Publisher;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Listeners on an engine's connections and statements. Listeners return a {@link Publisher} that
 * completes when they are done, so they may do I/O; they run one after another in registration order,
 * and an error from a listener fails the operation. Registration is safe for concurrent use; remove a
 * listener by disposing what registration returned. Engines made by
 * {@link AsyncEngine#withExecutionOptions} share their parent's listeners.
 *
 * <pre>{@code
 * engine.events().onConnect(conn -> Mono.from(conn.createStatement("set search_path to app").execute()).then());
 * engine.events().beforeExecute(ctx -> Mono.fromRunnable(() -> log.info("about to run {}", ctx.sql())));
 * }</pre>
 */
public final class EngineEvents {

    /** Runs for a driver connection: once per new physical connection ({@code connect}), or at each checkout. */
    @FunctionalInterface
    public interface ConnectListener {

        /**
         * Called with the driver's connection; statements run here are not echoed or seen by execute listeners.
         *
         * @param connection the new physical connection
         * @return completes when the listener is done
         */
        Publisher<Void> onConnect(Connection connection);
    }

    /** Runs before or after each statement, including statements that other listeners run. */
    @FunctionalInterface
    public interface ExecuteListener {

        /**
         * Called for a statement.
         *
         * @param context the statement and its connection
         * @return completes when the listener is done
         */
        Publisher<Void> onExecute(ExecuteContext context);
    }

    /** Runs when a statement fails, before the error reaches the caller. */
    @FunctionalInterface
    public interface ErrorListener {

        /**
         * Called with the failed statement and its translated error. To replace the error (wrap it in an
         * application exception, say), return a publisher that fails with the replacement; completing
         * leaves the error as it is.
         *
         * @param context the statement, its connection and the error
         * @return completes to keep the error, or fails with the error to raise instead
         */
        Publisher<Void> onError(ErrorContext context);
    }

    /**
     * Runs when a connection begins, commits or rolls back its transaction, or sets, releases or rolls back to a
     * savepoint (SQLAlchemy's {@code ConnectionEvents.begin}, {@code commit}, ...). It runs just before the command
     * is sent; an error fails the operation before the command, except for rollbacks, whose command is sent all the
     * same (the error is raised after it).
     */
    @FunctionalInterface
    public interface TransactionListener {

        /**
         * Called for a transaction command.
         *
         * @param event the connection and, for a savepoint command, the savepoint's name
         * @return completes when the listener is done
         */
        Publisher<Void> onTransaction(TransactionEvent event);
    }

    /** The transaction commands listeners can be added for. */
    enum Command { BEGIN, COMMIT, ROLLBACK, SAVEPOINT, RELEASE_SAVEPOINT, ROLLBACK_SAVEPOINT }

    private final Map<Command, List<TransactionListener>> transaction = new EnumMap<>(Command.class);

    private final List<ConnectListener> connect = new CopyOnWriteArrayList<>();

    private final List<ConnectListener> checkout = new CopyOnWriteArrayList<>();

    private final List<ErrorListener> handleError = new CopyOnWriteArrayList<>();

    private final List<ExecuteListener> beforeExecute = new CopyOnWriteArrayList<>();

    private final List<ExecuteListener> afterExecute = new CopyOnWriteArrayList<>();

    EngineEvents() {
        for (Command command : Command.values()) {
            this.transaction.put(command, new CopyOnWriteArrayList<>());
        }
    }

    /**
     * Adds a listener run when a connection sends BEGIN (with BEGIN deferred past pure reads, when it is sent;
     * a transaction that never sent BEGIN fires neither begin nor its end).
     *
     * @param listener the listener
     * @return disposing it removes the listener
     */
    public Disposable begin(TransactionListener listener) {
        return add(this.transaction.get(Command.BEGIN), listener);
    }

    /**
     * Adds a listener run before a connection commits its transaction.
     *
     * @param listener the listener
     * @return disposing it removes the listener
     */
    public Disposable commit(TransactionListener listener) {
        return add(this.transaction.get(Command.COMMIT), listener);
    }

    /**
     * Adds a listener run before a connection rolls back its transaction, also when it is closed or released
     * with one open.
     *
     * @param listener the listener
     * @return disposing it removes the listener
     */
    public Disposable rollback(TransactionListener listener) {
        return add(this.transaction.get(Command.ROLLBACK), listener);
    }

    /**
     * Adds a listener run before a connection sets a savepoint.
     *
     * @param listener the listener
     * @return disposing it removes the listener
     */
    public Disposable savepoint(TransactionListener listener) {
        return add(this.transaction.get(Command.SAVEPOINT), listener);
    }

    /**
     * Adds a listener run before a connection releases a savepoint (commits a nested transaction).
     *
     * @param listener the listener
     * @return disposing it removes the listener
     */
    public Disposable releaseSavepoint(TransactionListener listener) {
        return add(this.transaction.get(Command.RELEASE_SAVEPOINT), listener);
    }

    /**
     * Adds a listener run before a connection rolls back to a savepoint.
     *
     * @param listener the listener
     * @return disposing it removes the listener
     */
    public Disposable rollbackSavepoint(TransactionListener listener) {
        return add(this.transaction.get(Command.ROLLBACK_SAVEPOINT), listener);
    }

    /**
     * Runs a command's listeners, then the command. A rollback is sent even when a listener fails; the
     * listener's error follows it.
     */
    Mono<Void> around(Command command, TransactionEvent event, Mono<Void> send) {
        List<TransactionListener> listeners = this.transaction.get(command);
        if (listeners.isEmpty()) {
            return send;
        }
        Mono<Void> fired = Flux.fromIterable(listeners).concatMap(listener -> listener.onTransaction(event)).then();
        if (command != Command.ROLLBACK && command != Command.ROLLBACK_SAVEPOINT) {
            return fired.then(send);
        }
        return fired.then(Mono.<Throwable>empty()).onErrorResume(Mono::just)
                .flatMap(error -> send.then(Mono.<Void>error(error)))
                .switchIfEmpty(send);
    }

    /**
     * Adds a listener for new physical connections (pool {@code connect} event).
     *
     * @param listener the listener
     * @return disposing it removes the listener
     */
    public Disposable onConnect(ConnectListener listener) {
        return add(this.connect, listener);
    }

    /**
     * Adds a listener run each time a connection is checked out of the pool (after the connect listeners
     * for a new one), before the caller gets it: the pool {@code checkout} event.
     *
     * @param listener the listener
     * @return disposing it removes the listener
     */
    public Disposable onCheckout(ConnectListener listener) {
        return add(this.checkout, listener);
    }

    /**
     * Adds a listener run when a statement fails ({@code handle_error}): it sees the translated error and
     * may replace it.
     *
     * @param listener the listener
     * @return disposing it removes the listener
     */
    public Disposable handleError(ErrorListener listener) {
        return add(this.handleError, listener);
    }

    /**
     * Adds a listener run before each statement is sent.
     *
     * @param listener the listener
     * @return disposing it removes the listener
     */
    public Disposable beforeExecute(ExecuteListener listener) {
        return add(this.beforeExecute, listener);
    }

    /**
     * Adds a listener run after each statement has executed (for a streamed statement, once its cursor
     * is open).
     *
     * @param listener the listener
     * @return disposing it removes the listener
     */
    public Disposable afterExecute(ExecuteListener listener) {
        return add(this.afterExecute, listener);
    }

    Mono<Void> fireConnect(Connection connection) {
        return this.connect.isEmpty() ? Mono.empty()
                : Flux.fromIterable(this.connect).concatMap(listener -> listener.onConnect(connection)).then();
    }

    Mono<Void> fireCheckout(Connection connection) {
        return this.checkout.isEmpty() ? Mono.empty()
                : Flux.fromIterable(this.checkout).concatMap(listener -> listener.onConnect(connection)).then();
    }

    /** Runs the error listeners; fails with the original error, or with the one a listener raised instead. */
    <T> Mono<T> fireHandleError(ErrorContext context) {
        if (this.handleError.isEmpty()) {
            return Mono.error(context.error());
        }
        return Flux.fromIterable(this.handleError).concatMap(listener -> listener.onError(context)).then(Mono.error(context.error()));
    }

    Mono<Void> fireBeforeExecute(ExecuteContext context) {
        return fire(this.beforeExecute, context);
    }

    /** Whether an {@code afterExecute} listener is registered. */
    boolean listensAfterExecute() {
        return !this.afterExecute.isEmpty();
    }

    Mono<Void> fireAfterExecute(ExecuteContext context) {
        return fire(this.afterExecute, context);
    }

    private static Mono<Void> fire(List<ExecuteListener> listeners, ExecuteContext context) {
        return listeners.isEmpty() ? Mono.empty()
                : Flux.fromIterable(listeners).concatMap(listener -> listener.onExecute(context)).then();
    }

    private static <L> Disposable add(List<L> listeners, L listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
