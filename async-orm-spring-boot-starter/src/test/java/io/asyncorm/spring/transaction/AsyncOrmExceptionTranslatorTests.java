package io.asyncorm.spring.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncorm.exception.ArgumentError;
import io.asyncorm.exception.DataError;
import io.asyncorm.exception.DatabaseError;
import io.asyncorm.exception.IntegrityError;
import io.asyncorm.exception.InvalidRequestError;
import io.asyncorm.exception.NoResultFound;
import io.asyncorm.exception.PoolTimeoutError;
import io.asyncorm.exception.ProgrammingError;
import io.asyncorm.exception.StaleDataError;
import io.r2dbc.spi.R2dbcBadGrammarException;
import io.r2dbc.spi.R2dbcDataIntegrityViolationException;
import io.r2dbc.spi.R2dbcPermissionDeniedException;
import io.r2dbc.spi.R2dbcTransientResourceException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.dao.InvalidDataAccessResourceUsageException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.PermissionDeniedDataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.r2dbc.BadSqlGrammarException;

/** The mapping from async-orm's errors to Spring's DataAccessException hierarchy; the original stays the cause. */
class AsyncOrmExceptionTranslatorTests {

    private final AsyncOrmExceptionTranslator translator = new AsyncOrmExceptionTranslator();

    private DataAccessException translate(RuntimeException error) {
        DataAccessException translated = this.translator.translateExceptionIfPossible(error);
        assertThat(translated).isNotNull();
        assertThat(translated.getCause()).isSameAs(error);
        return translated;
    }

    @Test
    void mapsEachKindOfError() {
        assertThat(translate(new IntegrityError("dup", "insert", "23505", "uq_name", null))).isInstanceOf(DuplicateKeyException.class);
        assertThat(translate(new IntegrityError("fk", "insert", "23503", "fk_owner", null)))
                .isExactlyInstanceOf(DataIntegrityViolationException.class);
        assertThat(translate(new DataError("too long", "insert", "22001", null))).isInstanceOf(DataIntegrityViolationException.class);
        assertThat(translate(new StaleDataError("version changed"))).isInstanceOf(OptimisticLockingFailureException.class);
        assertThat(translate(new NoResultFound())).isInstanceOf(EmptyResultDataAccessException.class);
        assertThat(translate(new PoolTimeoutError("pool exhausted", null))).isInstanceOf(DataAccessResourceFailureException.class);
        assertThat(translate(new ProgrammingError("no such column", "select", "42703", null)))
                .isInstanceOf(InvalidDataAccessResourceUsageException.class);
        assertThat(translate(new InvalidRequestError("closed"))).isInstanceOf(InvalidDataAccessApiUsageException.class);
        assertThat(translate(new ArgumentError("bad"))).isInstanceOf(InvalidDataAccessApiUsageException.class);
        assertThat(translate(new DatabaseError("odd", null, "XX000", null)))
                .isInstanceOf(AsyncOrmExceptionTranslator.AsyncOrmSystemException.class);
    }

    @Test
    void springsOwnRulesForTheDriversExceptionWinWhereTheySayMore() {
        // SQL Server's duplicate key: SQLSTATE 23000 with vendor code 2627, which Spring knows and async-orm does not.
        IntegrityError sqlServer = new IntegrityError("dup", "insert", "23000", null,
                new R2dbcDataIntegrityViolationException("Violation of UNIQUE KEY", "23000", 2627));
        assertThat(translate(sqlServer)).isExactlyInstanceOf(DuplicateKeyException.class).hasMessage("dup");
        IntegrityError foreignKey = new IntegrityError("fk", "insert", "23503", null,
                new R2dbcDataIntegrityViolationException("fk", "23503", 0));
        assertThat(translate(foreignKey)).isExactlyInstanceOf(DataIntegrityViolationException.class);
        ProgrammingError denied = new ProgrammingError("permission denied for table t", "select", "42501",
                new R2dbcPermissionDeniedException("permission denied", "42501", 0));
        assertThat(translate(denied)).isExactlyInstanceOf(PermissionDeniedDataAccessException.class);
        DatabaseError transientFailure = new DatabaseError("odd", "select", "XX001",
                new R2dbcTransientResourceException("try again", "XX001", 0));
        assertThat(translate(transientFailure)).isExactlyInstanceOf(TransientDataAccessResourceException.class);
    }

    @Test
    void aGrammarErrorIsSpringsBadSqlGrammarExceptionWithTheStatement() {
        R2dbcBadGrammarException driver = new R2dbcBadGrammarException("syntax error", "42601", 0, "selct 1");
        DataAccessException translated = this.translator.translateExceptionIfPossible(
                new ProgrammingError("syntax error at or near selct", "selct 1", "42601", driver));
        assertThat(translated).isInstanceOf(BadSqlGrammarException.class);
        assertThat(((BadSqlGrammarException) translated).getSql()).isEqualTo("selct 1");
        assertThat(translated.getCause()).isSameAs(driver);
    }

    @Test
    void leavesOtherExceptionsAlone() {
        assertThat(this.translator.translateExceptionIfPossible(new IllegalStateException("not ours"))).isNull();
    }
}
