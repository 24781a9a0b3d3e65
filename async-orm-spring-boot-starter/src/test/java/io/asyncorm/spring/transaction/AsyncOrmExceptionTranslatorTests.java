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
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.dao.InvalidDataAccessResourceUsageException;
import org.springframework.dao.OptimisticLockingFailureException;

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
    void leavesOtherExceptionsAlone() {
        assertThat(this.translator.translateExceptionIfPossible(new IllegalStateException("not ours"))).isNull();
    }
}
