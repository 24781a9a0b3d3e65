package io.asyncorm.reliability;

import static io.asyncorm.sql.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.asyncorm.exception.ArgumentError;
import io.asyncorm.testing.TestDatabases;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/** The hostile-input scenarios on H2. */
class H2HostileInputTests extends AbstractHostileInputTests {

    @Override
    protected String url() {
        return TestDatabases.h2();
    }

    @Override
    protected boolean textTakesNul() {
        return true;
    }

    @Test
    void aSemicolonInsideQuotesIsRefusedBeforeR2dbcH2CutsTheStatementAtIt() {
        for (String sql : List.of("select 'a;b'", "select 1 as \"x;y\"", "select 1 /* ; */", "select 'it''s;here'")) {
            StepVerifier.create(this.engine.connect(conn -> conn.scalar(text(sql)))).expectErrorSatisfies(error -> assertThat(error)
                    .isInstanceOf(ArgumentError.class).hasMessageContaining("r2dbc/r2dbc-h2#252")).verify();
        }
        // Bound as a parameter, the same text is just a value.
        StepVerifier.create(this.engine.connect(conn -> conn.<String>scalar(text("select cast(:v as varchar)"), Map.of("v", "a;b"))))
                .expectNext(Optional.of("a;b")).verifyComplete();
        StepVerifier.create(this.engine.connect(conn -> conn.<Integer>scalar(text("select 1; ")))).expectNext(Optional.of(1)).verifyComplete();
    }
}
