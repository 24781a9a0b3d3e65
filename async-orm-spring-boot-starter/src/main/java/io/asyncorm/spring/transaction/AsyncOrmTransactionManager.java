package io.asyncorm.spring.transaction;

import io.asyncorm.engine.AsyncConnection;
import io.asyncorm.engine.ExecutionOptions;
import io.asyncorm.exception.InvalidRequestError;
import io.asyncorm.orm.AsyncScopedSession;
import io.asyncorm.orm.AsyncSession;
import io.asyncorm.orm.AsyncSessionTransaction;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.IsolationLevel;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessException;
import org.springframework.r2dbc.connection.ConnectionHolder;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.reactive.AbstractReactiveTransactionManager;
import org.springframework.transaction.reactive.GenericReactiveTransaction;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import reactor.core.publisher.Mono;

/**
 * A {@code ReactiveTransactionManager} that runs Spring's reactive transactions ({@code @Transactional} methods,
 * {@code TransactionalOperator}) on an async-orm session: the role {@code JpaTransactionManager} plays for JPA.
 *
 * <p>Beginning a transaction takes the scoped session of the current scope (the web request's, when a request
 * scope is open and its session is not already in another transaction; else a session of the transaction's own),
 * begins its transaction on a connection from the engine, and binds that R2DBC connection for the given
 * {@code ConnectionFactory}, so Spring's {@code DatabaseClient} and {@code R2dbcEntityTemplate} run on the same
 * connection and transaction. Commit flushes the session and commits; an error rolls everything back.
 * Propagation: REQUIRED and SUPPORTS join; REQUIRES_NEW suspends and runs on a new session and connection;
 * NESTED is a SAVEPOINT through {@link AsyncSession#beginNested()}; NOT_SUPPORTED suspends, and the code inside
 * gets a session of its own (closed, and so rolled back unless it commits itself, when the suspension ends).
 * Isolation level and read-only go to the session's connection ({@code BEGIN READ ONLY} where the driver
 * supports it). A timeout limits each statement the session sends in the transaction (the {@code timeout} execution
 * option: cancelled on the server when it runs over).
 *
 * <p>Inside a managed transaction the session's own {@code commit()} is refused: the transaction manager commits
 * when the method completes. Safe for concurrent use.
 *
 * <pre>{@code
 * TransactionAwareScopeFunction scopes = TransactionAwareScopeFunction.create(maker, ScopeFunction.contextValue());
 * AsyncScopedSession session = AsyncScopedSession.of(maker, scopes);
 * ReactiveTransactionManager tm = new AsyncOrmTransactionManager(session, scopes, connectionFactory);
 * TransactionalOperator.create(tm).transactional(session.add(author).then(session.flush()));
 * }</pre>
 */
public final class AsyncOrmTransactionManager extends AbstractReactiveTransactionManager {

    private static final long serialVersionUID = 1L;

    private final transient AsyncScopedSession scoped;

    private final transient TransactionAwareScopeFunction scopes;

    private final transient @Nullable ConnectionFactory connectionFactory;

    private final transient AsyncOrmExceptionTranslator translator = new AsyncOrmExceptionTranslator();

    /** Request scope keys whose session is in a transaction now: a second concurrent transaction gets its own. */
    private final transient Set<Object> requestKeysInTransaction = ConcurrentHashMap.newKeySet();

    /**
     * Creates the transaction manager.
     *
     * @param scoped the scoped session that application code uses; it must have been created with {@code scopes}
     * @param scopes the scope function of {@code scoped}
     * @param connectionFactory the factory Spring's R2DBC support ({@code DatabaseClient}) uses, so it joins the
     *     transaction; null when there is none
     * @throws IllegalArgumentException when {@code scoped} and {@code scopes} belong to different session makers
     */
    public AsyncOrmTransactionManager(AsyncScopedSession scoped, TransactionAwareScopeFunction scopes,
            @Nullable ConnectionFactory connectionFactory) {
        this.scoped = Objects.requireNonNull(scoped, "scoped");
        this.scopes = Objects.requireNonNull(scopes, "scopes");
        this.connectionFactory = connectionFactory;
        if (scoped.sessionFactory() != scopes.maker()) {
            throw new IllegalArgumentException("The scoped session and the TransactionAwareScopeFunction belong to different "
                    + "session makers; create the scoped session with AsyncScopedSession.of(maker, scopes)");
        }
    }

    /** What one getReactiveTransaction call works on; NESTED calls share the holder and keep their savepoint. */
    private static final class TransactionObject {

        @Nullable SessionHolder holder;

        boolean newHolder;

        @Nullable AsyncSessionTransaction savepoint;

        /** A suspension marker this transaction replaced while it runs (REQUIRES_NEW); bound again at its end. */
        @Nullable SessionHolder replacedSuspension;

        boolean boundConnection;

        /** A read-only transaction: its session does not autoflush, and it ends without a flush (JPA's FlushMode.MANUAL). */
        boolean readOnly;

        /** The session whose autoflush a read-only transaction turned off, to be restored at its end. */
        @Nullable AsyncSession readOnlySession;

        /** The session's autoflush setting before a read-only transaction turned it off. */
        boolean autoflushBefore;

        TransactionObject(@Nullable SessionHolder holder) {
            this.holder = holder;
        }

        SessionHolder holder() {
            if (this.holder == null) {
                throw new IllegalTransactionStateException("No async-orm session is bound to this transaction");
            }
            return this.holder;
        }
    }

    /** What a suspension keeps: the suspended transaction's session holder and connection holder. */
    private record Suspended(SessionHolder holder, @Nullable ConnectionHolder connection) {
    }

    /** The scope key of a session that belongs to one transaction or suspension. */
    private static final class TransactionScope {

        @Override
        public String toString() {
            return "TransactionScope@" + Integer.toHexString(System.identityHashCode(this));
        }
    }

    @Override
    protected Object doGetTransaction(TransactionSynchronizationManager synchronizationManager) {
        return new TransactionObject((SessionHolder) synchronizationManager.getResource(this.scopes.maker()));
    }

    @Override
    protected boolean isExistingTransaction(Object transaction) {
        SessionHolder holder = ((TransactionObject) transaction).holder;
        return holder != null && holder.isTransactionActive();
    }

    @Override
    protected Mono<Void> doBegin(TransactionSynchronizationManager synchronizationManager, Object transaction,
            TransactionDefinition definition) {
        TransactionObject tx = (TransactionObject) transaction;
        if (isExistingTransaction(tx)) {
            return tx.holder().session().beginNested().doOnNext(savepoint -> tx.savepoint = savepoint).then()
                    .onErrorMap(error -> new CannotCreateTransactionException("Could not set a SAVEPOINT for a NESTED transaction: "
                            + error.getMessage(), error));
        }
        return Mono.deferContextual(context -> {
            SessionHolder suspension = tx.holder;
            Object requestKey = suspension == null ? this.scopes.outsideKey(context) : null;
            boolean onRequestSession = requestKey != null && this.requestKeysInTransaction.add(requestKey);
            SessionHolder holder = onRequestSession ? new SessionHolder(requestKey, false) : new SessionHolder(new TransactionScope(), true);
            if (suspension != null) {
                synchronizationManager.unbindResource(this.scopes.maker());
                tx.replacedSuspension = suspension;
            }
            synchronizationManager.bindResource(this.scopes.maker(), holder);
            tx.holder = holder;
            tx.newHolder = true;
            ExecutionOptions options = executionOptions(definition);
            // The scoped session now resolves to the holder's scope: the request's session, or a new one.
            return this.scoped.current()
                    .doOnNext(session -> {
                        if (definition.isReadOnly()) {
                            tx.readOnly = true;
                            tx.readOnlySession = session;
                            tx.autoflushBefore = session.isAutoflush();
                            session.setAutoflush(false);
                        }
                    })
                    .flatMap(session -> begin(session, options, holder))
                    .flatMap(connection -> bindConnection(synchronizationManager, tx, connection))
                    .onErrorResume(error -> cleanup(synchronizationManager, tx).then(Mono.error(
                            new CannotCreateTransactionException("Could not begin an async-orm transaction: " + error.getMessage(), error))));
        });
    }

    /**
     * Begins the session's transaction now (BEGIN is sent, so DatabaseClient never writes before it in autocommit)
     * and guards the session's own commit() while the manager owns the transaction.
     */
    private Mono<AsyncConnection> begin(AsyncSession session, ExecutionOptions options, SessionHolder holder) {
        return session.connection(options)
                .flatMap(connection -> (connection.inTransaction() ? Mono.<Void>empty() : connection.begin().then())
                        .then(Mono.fromCallable(() -> {
                            // Only the root's commit is the manager's: savepoint levels (NESTED, beginNested) commit freely.
                            holder.begun(session, session.events().beforeCommit(event -> holder.managerCommitting
                                    || event.transaction().map(AsyncSessionTransaction::isNested).orElse(false)
                                    ? Mono.empty() : Mono.error(commitInside())));
                            return connection;
                        })));
    }

    private static InvalidRequestError commitInside() {
        return new InvalidRequestError("This session's transaction is managed by Spring's transaction manager: do not call "
                + "commit() inside a @Transactional method or TransactionalOperator; the transaction commits when the method "
                + "completes (call flush() to send the changes now)");
    }

    private static ExecutionOptions executionOptions(TransactionDefinition definition) {
        ExecutionOptions.Builder options = ExecutionOptions.builder();
        IsolationLevel level = switch (definition.getIsolationLevel()) {
            case TransactionDefinition.ISOLATION_READ_UNCOMMITTED -> IsolationLevel.READ_UNCOMMITTED;
            case TransactionDefinition.ISOLATION_READ_COMMITTED -> IsolationLevel.READ_COMMITTED;
            case TransactionDefinition.ISOLATION_REPEATABLE_READ -> IsolationLevel.REPEATABLE_READ;
            case TransactionDefinition.ISOLATION_SERIALIZABLE -> IsolationLevel.SERIALIZABLE;
            default -> null;
        };
        int timeout = definition.getTimeout();
        if (level == null && !definition.isReadOnly() && timeout <= 0) {
            return ExecutionOptions.none();
        }
        // @Transactional(timeout): each statement the session sends in the transaction is limited to it, cancelled on
        // the server when it runs over (StatementTimeoutError, a QueryTimeoutException through @Repository translation).
        return options.isolationLevel(level).readOnly(definition.isReadOnly())
                .timeout(timeout > 0 ? java.time.Duration.ofSeconds(timeout) : null).build();
    }

    /** Binds the session's R2DBC connection for Spring's R2DBC support, so DatabaseClient joins the transaction. */
    private Mono<Void> bindConnection(TransactionSynchronizationManager synchronizationManager, TransactionObject tx,
            AsyncConnection connection) {
        ConnectionFactory factory = this.connectionFactory;
        if (factory == null) {
            return Mono.empty();
        }
        return connection.getRawConnection().flatMap(raw -> {
            if (synchronizationManager.hasResource(factory)) {
                return Mono.error(new IllegalTransactionStateException("A connection for " + factory + " is already bound to this "
                        + "transaction by another transaction manager; use AsyncOrmTransactionManager alone for this factory"));
            }
            ConnectionHolder holder = new ConnectionHolder(raw, true);
            holder.setSynchronizedWithTransaction(true);
            synchronizationManager.bindResource(factory, holder);
            tx.boundConnection = true;
            return Mono.empty();
        });
    }

    @Override
    protected Mono<Object> doSuspend(TransactionSynchronizationManager synchronizationManager, Object transaction) {
        return Mono.fromSupplier(() -> {
            TransactionObject tx = (TransactionObject) transaction;
            SessionHolder holder = (SessionHolder) synchronizationManager.unbindResource(this.scopes.maker());
            ConnectionHolder connection = this.connectionFactory == null ? null
                    : (ConnectionHolder) synchronizationManager.unbindResourceIfPossible(this.connectionFactory);
            // Code in the suspension gets a session of its own, never the suspended transaction's.
            SessionHolder suspension = new SessionHolder(new TransactionScope(), true);
            synchronizationManager.bindResource(this.scopes.maker(), suspension);
            tx.holder = suspension;
            return new Suspended(holder, connection);
        });
    }

    @Override
    protected Mono<Void> doResume(TransactionSynchronizationManager synchronizationManager, @Nullable Object transaction,
            Object suspendedResources) {
        Suspended suspended = (Suspended) suspendedResources;
        return Mono.defer(() -> {
            Object bound = synchronizationManager.getResource(this.scopes.maker());
            Mono<Void> closeSuspensionSession = bound instanceof SessionHolder marker && !marker.isTransactionActive()
                    ? this.scoped.remove().onErrorResume(error -> {
                        logger.warn("Closing the session of a suspended scope failed", error);
                        return Mono.empty();
                    })
                    : Mono.empty();
            return closeSuspensionSession.then(Mono.fromRunnable(() -> {
                synchronizationManager.unbindResourceIfPossible(this.scopes.maker());
                synchronizationManager.bindResource(this.scopes.maker(), suspended.holder());
                if (suspended.connection() != null && this.connectionFactory != null) {
                    synchronizationManager.bindResource(this.connectionFactory, suspended.connection());
                }
            }));
        });
    }

    @Override
    protected Mono<Void> doCommit(TransactionSynchronizationManager synchronizationManager, GenericReactiveTransaction status) {
        TransactionObject tx = (TransactionObject) status.getTransaction();
        if (tx.savepoint != null) {
            return tx.savepoint.commit().onErrorMap(this::translate);
        }
        SessionHolder holder = tx.holder();
        AsyncSession session = holder.session();
        return Mono.defer(() -> {
            if (!session.inTransaction()) {
                return Mono.error(new IllegalTransactionStateException("The session's transaction ended inside the transactional "
                        + "method (rollback() or close() was called on the session), so nothing is left to commit; let the "
                        + "transaction manager end it: throw an exception to roll back"));
            }
            if (tx.readOnly) {
                // Nothing of a read-only transaction is written: changes made to objects are not flushed (as JPA's
                // FlushMode.MANUAL), and ending it with a rollback cannot write them either.
                return session.rollback().onErrorMap(this::translate);
            }
            holder.managerCommitting = true;
            return session.commit().onErrorMap(this::translate).doFinally(signal -> holder.managerCommitting = false);
        });
    }

    @Override
    protected Mono<Void> doRollback(TransactionSynchronizationManager synchronizationManager, GenericReactiveTransaction status) {
        TransactionObject tx = (TransactionObject) status.getTransaction();
        if (tx.savepoint != null) {
            return tx.savepoint.rollback().onErrorMap(this::translate);
        }
        return tx.holder().session().rollback().onErrorMap(this::translate);
    }

    @Override
    protected Mono<Void> doSetRollbackOnly(TransactionSynchronizationManager synchronizationManager,
            GenericReactiveTransaction status) {
        return Mono.fromRunnable(() -> ((TransactionObject) status.getTransaction()).holder().setRollbackOnly());
    }

    @Override
    protected Mono<Void> doCleanupAfterCompletion(TransactionSynchronizationManager synchronizationManager, Object transaction) {
        TransactionObject tx = (TransactionObject) transaction;
        if (tx.savepoint != null || !tx.newHolder) {
            return Mono.empty();
        }
        return cleanup(synchronizationManager, tx);
    }

    /** Ends a transaction's binding: its own session is closed and dropped, the request's session is kept. */
    private Mono<Void> cleanup(TransactionSynchronizationManager synchronizationManager, TransactionObject tx) {
        SessionHolder holder = tx.holder();
        if (tx.readOnlySession != null) {
            tx.readOnlySession.setAutoflush(tx.autoflushBefore);
            tx.readOnlySession = null;
        }
        holder.ended();
        if (tx.boundConnection && this.connectionFactory != null) {
            synchronizationManager.unbindResourceIfPossible(this.connectionFactory);
            tx.boundConnection = false;
        }
        // While the holder is still bound, remove() resolves to its scope.
        Mono<Void> close = holder.ownsSession() ? this.scoped.remove() : Mono.fromRunnable(
                () -> this.requestKeysInTransaction.remove(holder.scopeKey()));
        return close.onErrorResume(error -> {
            logger.warn("Closing the session of a finished transaction failed", error);
            return Mono.empty();
        }).then(Mono.fromRunnable(() -> {
            synchronizationManager.unbindResourceIfPossible(this.scopes.maker());
            if (tx.replacedSuspension != null) {
                synchronizationManager.bindResource(this.scopes.maker(), tx.replacedSuspension);
            }
        }));
    }

    private Throwable translate(Throwable error) {
        if (error instanceof RuntimeException runtime && !(error instanceof DataAccessException)) {
            DataAccessException translated = this.translator.translateExceptionIfPossible(runtime);
            if (translated != null) {
                return translated;
            }
        }
        return error instanceof RuntimeException ? error : new TransactionSystemException("async-orm transaction failed", error);
    }

    @Override
    public String toString() {
        return "AsyncOrmTransactionManager[" + this.scoped + "]";
    }
}
