package io.asyncorm.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncorm.exception.ArgumentError;
import io.asyncorm.exception.AsyncMethodRequired;
import io.r2dbc.spi.IsolationLevel;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ES-09 / acceptance 7: prefix stripping, coercion, a required url, unknown keys. */
class EngineConfigTests {

    @Test
    void stripsThePrefixIgnoresOtherKeysAndCoercesStrings() {
        EngineConfig config = EngineConfig.parse(Map.of(
                "asyncorm.url", "r2dbc:h2:mem:///cfg",
                "asyncorm.echo", "false",
                "asyncorm.pool-size", "7",
                "asyncorm.pool_timeout", "2.5",
                "asyncorm.poolRecycle", "1h",
                "asyncorm.pool-pre-ping", "true",
                "asyncorm.isolation-level", "read_committed",
                "other.x", 1), "asyncorm.", Map.of());
        assertThat(config.url).isEqualTo("r2dbc:h2:mem:///cfg");
        assertThat(config.options.echo()).isFalse();
        assertThat(config.options.poolSize()).isEqualTo(7);
        assertThat(config.options.poolTimeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(config.options.poolRecycle()).isEqualTo(Duration.ofHours(1));
        assertThat(config.options.poolPrePing()).isTrue();
        assertThat(config.options.executionOptions().isolationLevel()).isEqualTo(IsolationLevel.READ_COMMITTED);
    }

    @Test
    void overridesWinOverTheConfiguration() {
        EngineConfig config = EngineConfig.parse(Map.of("a.url", "r2dbc:h2:mem:///x", "a.pool-size", "3"), "a.",
                Map.of("pool-size", 9, "echo", true));
        assertThat(config.options.poolSize()).isEqualTo(9);
        assertThat(config.options.echo()).isTrue();
    }

    @Test
    void missingUrlIsAClearError() {
        assertThatThrownBy(() -> AsyncEngine.fromConfig(Map.of("x.url", "r2dbc:h2:mem:///x"), "asyncorm."))
                .isInstanceOf(ArgumentError.class).hasMessageContaining("no 'asyncorm.url'");
    }

    @Test
    void unknownKeyListsTheValidOnes() {
        assertThatThrownBy(() -> EngineConfig.parse(Map.of("a.url", "r2dbc:h2:mem:///x", "a.pool-sise", "3"), "a.", Map.of()))
                .isInstanceOf(ArgumentError.class)
                .hasMessageContaining("Unknown engine option 'a.pool-sise'")
                .hasMessageContaining("pool-size").hasMessageContaining("pool-pre-ping");
    }

    @Test
    void badValuesNameTheOption() {
        assertThatThrownBy(() -> EngineConfig.parse(Map.of("a.url", "u", "a.pool-size", "many"), "a.", Map.of()))
                .isInstanceOf(ArgumentError.class).hasMessageContaining("'pool-size' must be a whole number");
        assertThatThrownBy(() -> EngineConfig.parse(Map.of("a.url", "u", "a.echo", "maybe"), "a.", Map.of()))
                .isInstanceOf(ArgumentError.class).hasMessageContaining("'echo' must be true or false");
        assertThatThrownBy(() -> EngineConfig.parse(Map.of("a.url", "u", "a.pool-timeout", "soon"), "a.", Map.of()))
                .isInstanceOf(ArgumentError.class).hasMessageContaining("'pool-timeout'");
        assertThatThrownBy(() -> EngineConfig.parse(Map.of("a.url", "u", "a.isolation-level", "AUTOCOMMIT"), "a.", Map.of()))
                .isInstanceOf(ArgumentError.class).hasMessageContaining("SERIALIZABLE");
    }

    @Test
    void serverSideCursorsAreRefusedEngineWide() {
        assertThatThrownBy(() -> EngineConfig.parse(Map.of("a.url", "u", "a.server-side-cursors", "true"), "a.", Map.of()))
                .isInstanceOf(AsyncMethodRequired.class).hasMessageContaining("connection.stream()");
    }

    @Test
    void fromConfigBuildsAWorkingEngine() {
        AsyncEngine engine = AsyncEngine.fromConfig(Map.of("asyncorm.url", "r2dbc:h2:mem:///fromconfig", "asyncorm.pool-size", "2"),
                "asyncorm.");
        assertThat(engine.options().poolSize()).isEqualTo(2);
        assertThat(engine.dialect().name()).isEqualTo("h2");
    }

    @Test
    void urlsThatAreNotR2dbcOrNeedAMissingDriverAreRejected() {
        assertThatThrownBy(() -> AsyncEngine.create("postgresql://localhost/test")).isInstanceOf(ArgumentError.class)
                .hasMessageContaining("Not an R2DBC URL");
        assertThatThrownBy(() -> AsyncEngine.create("r2dbc:nosuchdriver://localhost/test")).isInstanceOf(ArgumentError.class)
                .hasMessageContaining("No R2DBC driver");
        assertThatThrownBy(() -> AsyncEngine.create("r2dbc:pool:h2:mem:///x")).isInstanceOf(ArgumentError.class)
                .hasMessageContaining("drop 'pool:'");
    }

    @Test
    void urlPasswordsAreMasked() {
        assertThat(DefaultAsyncEngine.mask("r2dbc:postgresql://scott:tiger@localhost/test"))
                .isEqualTo("r2dbc:postgresql://scott:***@localhost/test");
        assertThat(DefaultAsyncEngine.mask("r2dbc:postgresql://localhost/test?user=a&password=secret&ssl=true"))
                .isEqualTo("r2dbc:postgresql://localhost/test?user=a&password=***&ssl=true");
    }

    @Test
    void optionsAloneReadEverythingButWhereToConnect() {
        EngineOptions options = EngineOptions.fromConfig(Map.of(
                "a.pool-size", "3",
                "a.execution-options.read-only", "true",
                "a.execution-options.isolation-level", "serializable",
                "a.execution-options.tenant", "t1",
                "a.execution-options.timeout", "2.5"), "a.");
        assertThat(options.poolSize()).isEqualTo(3);
        assertThat(options.executionOptions().timeout()).isEqualTo(java.time.Duration.ofMillis(2500));
        assertThat(options.executionOptions().readOnly()).isTrue();
        assertThat(options.executionOptions().isolationLevel()).isEqualTo(IsolationLevel.SERIALIZABLE);
        assertThat(options.executionOptions().custom()).containsEntry("tenant", "t1");
        assertThatThrownBy(() -> EngineOptions.fromConfig(Map.of("a.url", "r2dbc:h2:mem:///x"), "a."))
                .isInstanceOf(ArgumentError.class).hasMessageContaining("'a.url' says where to connect");
        assertThatThrownBy(() -> EngineOptions.fromConfig(Map.of("a.execution-options.yield-per", "0"), "a."))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("yieldPer");
    }

    @Test
    void usernameAndPasswordAreNotOptions() {
        EngineConfig config = EngineConfig.parse(Map.of("a.url", "r2dbc:h2:mem:///x", "a.username", "sa", "a.password", "pw"), "a.",
                Map.of());
        assertThat(config.username).isEqualTo("sa");
        assertThat(config.password).isEqualTo("pw");
    }
}
