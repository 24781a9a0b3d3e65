package io.asyncorm.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncorm.exception.ArgumentError;
import io.r2dbc.spi.R2dbcDataIntegrityViolationException;
import org.junit.jupiter.api.Test;

class DialectTests {

    @Test
    void detectsByDriverName() {
        assertThat(Dialect.forName("PostgreSQL")).isSameAs(PostgresDialect.INSTANCE);
        assertThat(Dialect.forName("H2")).isSameAs(H2Dialect.INSTANCE);
        assertThat(Dialect.forName("MariaDB")).isSameAs(MariaDbDialect.INSTANCE);
        assertThat(Dialect.forName("MySQL")).isSameAs(MariaDbDialect.INSTANCE);
        assertThatThrownBy(() -> Dialect.forName("Oracle")).isInstanceOf(ArgumentError.class)
                .hasMessageContaining("supported: PostgreSQL, H2, MariaDB");
    }

    @Test
    void constraintNamesFromDriverMessages() {
        assertThat(PostgresDialect.INSTANCE.constraintName(violation(
                "duplicate key value violates unique constraint \"uq_users_email\""))).isEqualTo("uq_users_email");
        assertThat(H2Dialect.INSTANCE.constraintName(violation(
                "Unique index or primary key violation: \"PUBLIC.UQ_USERS_EMAIL_INDEX_4 ON PUBLIC.USERS(EMAIL NULLS FIRST) VALUES ( /* 1 */ 'a' )\"")))
                .isEqualTo("UQ_USERS_EMAIL");
        assertThat(H2Dialect.INSTANCE.constraintName(violation(
                "Referential integrity constraint violation: \"FK_B_A: PUBLIC.B FOREIGN KEY(A_ID) REFERENCES PUBLIC.A(ID) (5)\"")))
                .isEqualTo("FK_B_A");
        assertThat(MariaDbDialect.INSTANCE.constraintName(violation("Duplicate entry 'a' for key 'uq_users_email'")))
                .isEqualTo("uq_users_email");
    }

    @Test
    void quotesIdentifiersDoublingTheQuoteCharacter() {
        assertThat(PostgresDialect.INSTANCE.quoteIdentifier("we\"ird")).isEqualTo("\"we\"\"ird\"");
        assertThat(H2Dialect.INSTANCE.quoteIdentifier("order")).isEqualTo("\"order\"");
        assertThat(MariaDbDialect.INSTANCE.quoteIdentifier("we`ird")).isEqualTo("`we``ird`");
        assertThat(MariaDbDialect.INSTANCE.bindMarker(3)).isEqualTo("?");
        assertThat(PostgresDialect.INSTANCE.bindMarker(0)).isEqualTo("$1");
    }

    @Test
    void invalidIdentifiersAreRejectedNotTruncated() {
        String long64 = "a".repeat(64);
        assertThatThrownBy(() -> PostgresDialect.INSTANCE.identifier(long64)).isInstanceOf(ArgumentError.class)
                .hasMessageContaining("1 to 63 characters").hasMessageContaining("truncate it silently");
        assertThat(MariaDbDialect.INSTANCE.identifier(long64)).isEqualTo(long64);
        assertThatThrownBy(() -> H2Dialect.INSTANCE.identifier("")).isInstanceOf(ArgumentError.class).hasMessageContaining("not a valid h2 identifier");
        assertThatThrownBy(() -> PostgresDialect.INSTANCE.identifier("a\0b")).isInstanceOf(ArgumentError.class).hasMessageContaining("a\\0b");
    }

    @Test
    void h2NormalisesUpperCaseLabels() {
        assertThat(H2Dialect.INSTANCE.normalizeName("NAME")).isEqualTo("name");
        assertThat(H2Dialect.INSTANCE.normalizeName("MixedCase")).isEqualTo("MixedCase");
    }

    private static R2dbcDataIntegrityViolationException violation(String message) {
        return new R2dbcDataIntegrityViolationException(message, "23505");
    }
}
