package io.asyncorm.spring.transaction;

import io.asyncorm.exception.AsyncOrmException;
import io.asyncorm.exception.DataError;
import io.asyncorm.exception.DatabaseError;
import io.asyncorm.exception.IntegrityError;
import io.asyncorm.exception.InternalError;
import io.asyncorm.exception.MultipleResultsFound;
import io.asyncorm.exception.NoResultFound;
import io.asyncorm.exception.NotSupportedError;
import io.asyncorm.exception.ObjectDeletedError;
import io.asyncorm.exception.OperationalError;
import io.asyncorm.exception.PoolTimeoutError;
import io.asyncorm.exception.ProgrammingError;
import io.asyncorm.exception.StaleDataError;
import io.asyncorm.exception.StatementTimeoutError;
import io.r2dbc.spi.R2dbcException;
import java.util.Map;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DataRetrievalFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.dao.IncorrectResultSizeDataAccessException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.dao.InvalidDataAccessResourceUsageException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.PermissionDeniedDataAccessException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.dao.UncategorizedDataAccessException;
import org.springframework.dao.support.PersistenceExceptionTranslator;
import org.springframework.r2dbc.UncategorizedR2dbcException;
import org.springframework.r2dbc.connection.ConnectionFactoryUtils;

/**
 * Maps the {@link AsyncOrmException} hierarchy to Spring's {@link DataAccessException} hierarchy, for
 * {@code @Repository} beans (through Spring's exception translation post-processor) and for the transaction
 * manager's commit and rollback. The async-orm exception stays the cause, so its SQL and message are kept.
 *
 * <table>
 * <caption>Mapping</caption>
 * <tr><th>async-orm</th><th>Spring</th></tr>
 * <tr><td>IntegrityError (SQLSTATE 23505, MariaDB error 1062)</td><td>DuplicateKeyException</td></tr>
 * <tr><td>IntegrityError, DataError</td><td>DataIntegrityViolationException</td></tr>
 * <tr><td>StaleDataError</td><td>OptimisticLockingFailureException</td></tr>
 * <tr><td>NoResultFound</td><td>EmptyResultDataAccessException</td></tr>
 * <tr><td>MultipleResultsFound</td><td>IncorrectResultSizeDataAccessException</td></tr>
 * <tr><td>ObjectDeletedError</td><td>DataRetrievalFailureException</td></tr>
 * <tr><td>StatementTimeoutError</td><td>QueryTimeoutException</td></tr>
 * <tr><td>OperationalError (SQLSTATE 40001 or 55P03, 40P01)</td><td>CannotAcquireLockException, PessimisticLockingFailureException</td></tr>
 * <tr><td>OperationalError, PoolTimeoutError</td><td>DataAccessResourceFailureException</td></tr>
 * <tr><td>ProgrammingError, InternalError (a write in a read-only transaction, a procedure's RAISE),
 * NotSupportedError</td><td>InvalidDataAccessResourceUsageException</td></tr>
 * <tr><td>other InvalidRequestError, ArgumentError (misuse)</td><td>InvalidDataAccessApiUsageException</td></tr>
 * <tr><td>other DatabaseError</td><td>{@link AsyncOrmSystemException}</td></tr>
 * </table>
 *
 * <p>Then Spring's own rules for the driver's exception ({@code ConnectionFactoryUtils.convertR2dbcException}, what
 * {@code DatabaseClient} throws) win where they say more: a subtype of the category above (a duplicate key by SQL
 * Server's, Oracle's or DB2's vendor code; {@code BadSqlGrammarException} for a grammar error), a category for what
 * is uncategorized above, or {@code PermissionDeniedDataAccessException}. ORM errors ({@code StaleDataError},
 * {@code NoResultFound}, ...) and statement timeouts keep their mapping.
 */
public final class AsyncOrmExceptionTranslator implements PersistenceExceptionTranslator {

    /** Spring's types that take any cause, so the async-orm error stays the cause. */
    private static final Map<Class<?>, BiFunction<String, Throwable, DataAccessException>> WITH_CAUSE = Map.of(
            DuplicateKeyException.class, DuplicateKeyException::new,
            DataIntegrityViolationException.class, DataIntegrityViolationException::new,
            CannotAcquireLockException.class, CannotAcquireLockException::new,
            PessimisticLockingFailureException.class, PessimisticLockingFailureException::new,
            TransientDataAccessResourceException.class, TransientDataAccessResourceException::new,
            DataAccessResourceFailureException.class, DataAccessResourceFailureException::new,
            PermissionDeniedDataAccessException.class, PermissionDeniedDataAccessException::new,
            QueryTimeoutException.class, QueryTimeoutException::new);

    /** Creates the translator; it holds no state. */
    public AsyncOrmExceptionTranslator() {
    }

    @Override
    public @Nullable DataAccessException translateExceptionIfPossible(RuntimeException ex) {
        if (!(ex instanceof AsyncOrmException error)) {
            return null;
        }
        DataAccessException ours = categorize(error);
        if (error instanceof DatabaseError database && !(error instanceof StatementTimeoutError)
                && error.getCause() instanceof R2dbcException driver) {
            DataAccessException spring = ConnectionFactoryUtils.convertR2dbcException("async-orm", database.getSql(), driver);
            if (moreSpecific(spring, ours)) {
                return withCause(spring, ours.getMessage(), error);
            }
        }
        return ours;
    }

    /**
     * Whether Spring's own answer for the driver's exception (what {@code DatabaseClient} would throw) says more than
     * async-orm's category: a subtype of it (a duplicate key by another vendor's code, {@code BadSqlGrammarException}),
     * a category where async-orm has none, or a permission denied.
     */
    private static boolean moreSpecific(DataAccessException spring, DataAccessException ours) {
        if (spring instanceof UncategorizedR2dbcException || spring.getClass() == ours.getClass()) {
            return false;
        }
        return ours.getClass().isInstance(spring) || ours instanceof AsyncOrmSystemException
                || spring instanceof PermissionDeniedDataAccessException;
    }

    /**
     * Spring's exception type with the async-orm error as its cause, as everywhere else; {@code BadSqlGrammarException}
     * takes only the driver's exception as cause, so it is Spring's own (its {@code getSql()} has the statement).
     */
    private static DataAccessException withCause(DataAccessException spring, @Nullable String message, AsyncOrmException error) {
        BiFunction<String, Throwable, DataAccessException> type = WITH_CAUSE.get(spring.getClass());
        return type == null ? spring : type.apply(message == null ? spring.getMessage() : message, error);
    }

    private static DataAccessException categorize(AsyncOrmException error) {
        String message = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        String state = sqlState(error);
        if (error instanceof IntegrityError) {
            return "23505".equals(state) || vendorCode(error) == 1062 ? new DuplicateKeyException(message, error)
                    : new DataIntegrityViolationException(message, error);
        }
        if (error instanceof DataError) {
            return new DataIntegrityViolationException(message, error);
        }
        if (error instanceof StaleDataError) {
            return new OptimisticLockingFailureException(message, error);
        }
        if (error instanceof NoResultFound) {
            return new EmptyResultDataAccessException(message, 1, error);
        }
        if (error instanceof MultipleResultsFound) {
            return new IncorrectResultSizeDataAccessException(message, 1, error);
        }
        if (error instanceof ObjectDeletedError) {
            return new DataRetrievalFailureException(message, error);
        }
        if (error instanceof StatementTimeoutError) {
            return new QueryTimeoutException(message, error);
        }
        if (error instanceof OperationalError) {
            if ("40001".equals(state) || "55P03".equals(state)) {
                return new CannotAcquireLockException(message, error);
            }
            if ("40P01".equals(state)) {
                return new PessimisticLockingFailureException(message, error);
            }
            return new DataAccessResourceFailureException(message, error);
        }
        if (error instanceof PoolTimeoutError) {
            return new DataAccessResourceFailureException(message, error);
        }
        if (error instanceof ProgrammingError || error instanceof InternalError || error instanceof NotSupportedError) {
            return new InvalidDataAccessResourceUsageException(message, error);
        }
        if (error instanceof DatabaseError) {
            return new AsyncOrmSystemException(message, error);
        }
        return new InvalidDataAccessApiUsageException(message, error);
    }

    /** The driver's vendor error code (MariaDB's 1062 for a duplicate key), or 0. */
    private static int vendorCode(AsyncOrmException error) {
        return error.getCause() instanceof R2dbcException driver ? driver.getErrorCode() : 0;
    }

    private static @Nullable String sqlState(AsyncOrmException error) {
        return error instanceof DatabaseError database ? database.getSqlState() : null;
    }

    /** A database error that none of Spring's more specific exceptions describes. */
    public static final class AsyncOrmSystemException extends UncategorizedDataAccessException {

        private static final long serialVersionUID = 1L;

        /**
         * Wraps an async-orm database error.
         *
         * @param message the message
         * @param cause the async-orm error
         */
        public AsyncOrmSystemException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
