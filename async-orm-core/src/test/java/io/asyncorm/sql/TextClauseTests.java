package io.asyncorm.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncorm.dialect.H2Dialect;
import io.asyncorm.dialect.MariaDbDialect;
import io.asyncorm.dialect.PostgresDialect;
import io.asyncorm.exception.ArgumentError;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TextClauseTests {

    @Test
    void namedParametersCompileToEachDialectsMarkers() {
        TextClause text = Sql.text("select * from t where a = :a and b > :b and c = :a");
        assertThat(text.compile(PostgresDialect.INSTANCE).sql()).isEqualTo("select * from t where a = $1 and b > $2 and c = $3");
        assertThat(text.compile(H2Dialect.INSTANCE).sql()).isEqualTo("select * from t where a = $1 and b > $2 and c = $3");
        assertThat(text.compile(MariaDbDialect.INSTANCE).sql()).isEqualTo("select * from t where a = ? and b > ? and c = ?");
        assertThat(text.parameterNames()).containsExactly("a", "b", "a");
    }

    @Test
    void quotesCommentsCastsAndDollarBodiesAreLeftAlone() {
        TextClause text = Sql.text("select ':x', \"col:y\", a::int, $$ :z $$ -- :c\n /* :d */ from t where e = :e and f = '\\:' || 'it''s :g'");
        assertThat(text.parameterNames()).containsExactly("e");
        assertThat(text.compile(PostgresDialect.INSTANCE).sql())
                .isEqualTo("select ':x', \"col:y\", a::int, $$ :z $$ -- :c\n /* :d */ from t where e = $1 and f = '\\:' || 'it''s :g'");
    }

    @Test
    void backslashColonIsALiteralColon() {
        assertThat(Sql.text("select 1 where x = 'a' and y = \\:notaparam").compile(PostgresDialect.INSTANCE).sql())
                .isEqualTo("select 1 where x = 'a' and y = :notaparam");
    }

    @Test
    void missingParameterNamesTheParameter() {
        CompiledStatement compiled = Sql.text("select :a, :b").compile(PostgresDialect.INSTANCE);
        assertThatThrownBy(() -> compiled.positionalValues(Map.of("a", 1)))
                .isInstanceOf(ArgumentError.class).hasMessageContaining("bind parameter 'b'");
    }

    @Test
    void nullValuesAndExtraKeysAreAccepted() {
        Map<String, Object> values = new HashMap<>();
        values.put("a", null);
        values.put("unused", 1);
        assertThat(Arrays.asList(Sql.text("select :a").compile(PostgresDialect.INSTANCE).positionalValues(values)))
                .containsExactly((Object) null);
    }

    @Test
    void unterminatedQuoteIsAnArgumentError() {
        assertThatThrownBy(() -> Sql.text("select 'abc")).isInstanceOf(ArgumentError.class).hasMessageContaining("Unterminated");
    }
}
