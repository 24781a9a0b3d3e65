package io.asyncorm.engine;

import io.asyncorm.dialect.Dialect;
import io.asyncorm.exception.ArgumentError;
import io.asyncorm.exception.AsyncMethodRequired;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.IsolationLevel;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * How an {@link AsyncEngine} is built: logging, pool and execution defaults (the keyword arguments of
 * SQLAlchemy's {@code create_engine}). Immutable; build it with {@link #builder()}, which validates.
 *
 * <pre>{@code
 * EngineOptions options = EngineOptions.builder().echo(true).poolSize(10).poolPrePing(true).build();
 * }</pre>
 *
 * <p>The pool holds up to {@code poolSize + maxOverflow} connections; connections idle longer than
 * {@code poolIdleTimeout} are closed, so the overflow shrinks back after a burst.
 */
public final class EngineOptions {

    private static final EngineOptions DEFAULTS = builder().build();

    private final boolean echo;

    private final boolean hideParameters;

    private final @Nullable String loggingName;

    private final boolean poolEnabled;

    private final int poolSize;

    private final int maxOverflow;

    private final Duration poolTimeout;

    private final @Nullable Duration poolRecycle;

    private final Duration poolIdleTimeout;

    private final boolean poolPrePing;

    private final Duration cleanupTimeout;

    private final UnaryOperator<ConnectionFactory> factoryDecorator;

    private final int fetchSize;

    private final boolean deferBegin;

    private final ExecutionOptions executionOptions;

    private final @Nullable Dialect dialect;

    private EngineOptions(Builder builder) {
        this.echo = builder.echo;
        this.hideParameters = builder.hideParameters;
        this.loggingName = builder.loggingName;
        this.poolEnabled = builder.poolEnabled;
        this.poolSize = builder.poolSize;
        this.maxOverflow = builder.maxOverflow;
        this.poolTimeout = builder.poolTimeout;
        this.poolRecycle = builder.poolRecycle;
        this.poolIdleTimeout = builder.poolIdleTimeout;
        this.poolPrePing = builder.poolPrePing;
        this.cleanupTimeout = builder.cleanupTimeout;
        this.factoryDecorator = builder.factoryDecorator;
        this.fetchSize = builder.fetchSize;
        this.deferBegin = builder.deferBegin;
        ExecutionOptions execution = builder.executionOptions;
        if (builder.isolationLevel != null) {
            execution = execution.merge(ExecutionOptions.builder().isolationLevel(builder.isolationLevel).build());
        }
        this.executionOptions = execution;
        this.dialect = builder.dialect;
    }

    /**
     * The defaults: no echo, a pool of 5 plus 10 overflow, 30 s pool timeout, fetch size 500.
     *
     * @return the default options
     */
    public static EngineOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Reads the options from flat configuration, as {@link AsyncEngine#fromConfig(Map, String)} does, for an
     * engine over a connection factory made elsewhere ({@link AsyncEngine#create(io.r2dbc.spi.ConnectionFactory,
     * EngineOptions)}): the Spring Boot starter uses it when Boot owns the connection factory.
     *
     * @param config the configuration, for example {@code {"asyncorm.pool-size": "5", "asyncorm.echo": "true"}}
     * @param prefix the key prefix
     * @return the options
     * @throws io.asyncorm.exception.ArgumentError when a key is unknown, a value cannot be coerced, or the
     *     configuration has a url, username or password (they belong to {@code AsyncEngine.fromConfig})
     */
    public static EngineOptions fromConfig(Map<String, ?> config, String prefix) {
        return EngineConfig.parseOptions(config, prefix);
    }

    /**
     * A builder starting from the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** @return whether every statement is logged at INFO (else at DEBUG) */
    public boolean echo() {
        return this.echo;
    }

    /** @return whether parameter values are left out of logs and error messages */
    public boolean hideParameters() {
        return this.hideParameters;
    }

    /** @return the suffix of the echo logger name ({@code io.asyncorm.engine.Engine.<name>}), or null */
    public @Nullable String loggingName() {
        return this.loggingName;
    }

    /** @return whether connections are pooled; false opens a connection per checkout (SQLAlchemy's NullPool) */
    public boolean poolEnabled() {
        return this.poolEnabled;
    }

    /** @return the number of connections the pool keeps */
    public int poolSize() {
        return this.poolSize;
    }

    /** @return how many connections beyond {@link #poolSize()} may be opened under load */
    public int maxOverflow() {
        return this.maxOverflow;
    }

    /**
     * How long a checkout waits for a free connection before {@code PoolTimeoutError}. Zero means do not wait (SQLAlchemy's
     * {@code pool_timeout=0}): a checkout fails at once when every connection is in use and the pool is at its limit,
     * while a checkout that only has to open a new connection still opens it.
     *
     * @return zero or positive
     */
    public Duration poolTimeout() {
        return this.poolTimeout;
    }

    /** @return the age after which a connection is replaced, or null to keep connections forever */
    public @Nullable Duration poolRecycle() {
        return this.poolRecycle;
    }

    /** @return how long an idle connection stays in the pool */
    public Duration poolIdleTimeout() {
        return this.poolIdleTimeout;
    }

    /** @return whether a connection is tested ({@code SELECT 1}) at checkout and replaced when dead */
    public boolean poolPrePing() {
        return this.poolPrePing;
    }

    /**
     * How long a cleanup step (the ROLLBACK when a connection goes back to the pool, or the rollback after an error or
     * a cancel) may take before the connection is discarded instead: the database is asked to cancel what it runs
     * (PostgreSQL) and the connection is closed, never pooled. A cleanup waits behind a statement or stream the driver
     * is still draining after a cancel, so a server blocked on a lock cannot keep a pooled connection forever.
     *
     * @return positive (default 5 s)
     */
    public Duration cleanupTimeout() {
        return this.cleanupTimeout;
    }

    /**
     * What wraps the driver's {@code ConnectionFactory} that an engine made from a URL creates, before the engine pools
     * it: r2dbc-proxy's observation or logging listeners, say (Spring Boot's {@code ConnectionFactoryDecorator}s go
     * through it). Not used by an engine made over a factory the application gives, which it may wrap itself.
     *
     * @return the decorator (default: none)
     */
    public UnaryOperator<ConnectionFactory> factoryDecorator() {
        return this.factoryDecorator;
    }

    /** @return how many rows a streamed result reads from its cursor at a time */
    public int fetchSize() {
        return this.fetchSize;
    }

    /**
     * Whether an autobegun transaction on PostgreSQL at READ COMMITTED sends its BEGIN only with the first statement
     * that is not a {@link ExecutionOptions#pureRead() pure read}: a unit of work that only loads entities then
     * costs one round trip per query, with no BEGIN and no ROLLBACK (at READ COMMITTED each statement sees its own
     * snapshot either way, so the results are the same). Explicit {@code begin()}, savepoints, streams, raw
     * connections, other isolation levels and read-only transactions always send BEGIN first.
     *
     * @return true unless turned off (default true)
     */
    public boolean deferBegin() {
        return this.deferBegin;
    }

    /** @return the engine-wide execution options, including the isolation level */
    public ExecutionOptions executionOptions() {
        return this.executionOptions;
    }

    /** @return the dialect to use instead of detecting it from the driver, or null */
    public @Nullable Dialect dialect() {
        return this.dialect;
    }

    @Override
    public String toString() {
        return "EngineOptions{echo=" + this.echo + ", hideParameters=" + this.hideParameters + ", loggingName="
                + this.loggingName + ", poolEnabled=" + this.poolEnabled + ", poolSize=" + this.poolSize
                + ", maxOverflow=" + this.maxOverflow + ", poolTimeout=" + this.poolTimeout + ", poolRecycle="
                + this.poolRecycle + ", poolIdleTimeout=" + this.poolIdleTimeout + ", poolPrePing=" + this.poolPrePing + ", cleanupTimeout=" + this.cleanupTimeout
                + ", fetchSize=" + this.fetchSize + ", deferBegin=" + this.deferBegin + ", executionOptions=" + this.executionOptions + "}";
    }

    /** Builds {@link EngineOptions}; each setter validates its argument. Not safe for concurrent use. */
    public static final class Builder {

        private boolean echo;

        private boolean hideParameters;

        private @Nullable String loggingName;

        private boolean poolEnabled = true;

        private int poolSize = 5;

        private int maxOverflow = 10;

        private Duration poolTimeout = Duration.ofSeconds(30);

        private @Nullable Duration poolRecycle;

        private Duration poolIdleTimeout = Duration.ofMinutes(30);

        private boolean poolPrePing;

        private Duration cleanupTimeout = Duration.ofSeconds(5);

        private UnaryOperator<ConnectionFactory> factoryDecorator = UnaryOperator.identity();

        private int fetchSize = 500;

        private boolean deferBegin = true;

        private ExecutionOptions executionOptions = ExecutionOptions.none();

        private @Nullable IsolationLevel isolationLevel;

        private @Nullable Dialect dialect;

        private Builder() {
        }

        /**
         * Logs every statement, its parameters and each BEGIN / COMMIT / ROLLBACK / SAVEPOINT at INFO
         * through SLF4J (logger {@code io.asyncorm.engine.Engine}); when false they are logged at DEBUG.
         *
         * @param echo true to log at INFO
         * @return this builder
         */
        public Builder echo(boolean echo) {
            this.echo = echo;
            return this;
        }

        /**
         * Leaves parameter values out of logs and error messages.
         *
         * @param hide true to hide values
         * @return this builder
         */
        public Builder hideParameters(boolean hide) {
            this.hideParameters = hide;
            return this;
        }

        /**
         * Names the engine in its logger: {@code io.asyncorm.engine.Engine.<name>}.
         *
         * @param name a logger-safe name, or null
         * @return this builder
         */
        public Builder loggingName(@Nullable String name) {
            this.loggingName = name;
            return this;
        }

        /**
         * Turns pooling on (default) or off; off opens and closes a connection per checkout.
         *
         * @param enabled false for no pool
         * @return this builder
         */
        public Builder poolEnabled(boolean enabled) {
            this.poolEnabled = enabled;
            return this;
        }

        /**
         * Sets the number of connections the pool keeps.
         *
         * @param size at least 1
         * @return this builder
         */
        public Builder poolSize(int size) {
            this.poolSize = atLeast("poolSize", size, 1);
            return this;
        }

        /**
         * Sets how many connections beyond the pool size may be opened under load.
         *
         * @param overflow at least 0
         * @return this builder
         */
        public Builder maxOverflow(int overflow) {
            this.maxOverflow = atLeast("maxOverflow", overflow, 0);
            return this;
        }

        /**
         * Sets how long a checkout waits for a connection (see {@link EngineOptions#poolTimeout()}).
         *
         * @param timeout positive, or zero to fail at once when no connection is free
         * @return this builder
         */
        public Builder poolTimeout(Duration timeout) {
            if (timeout.isNegative()) {
                throw new ArgumentError("poolTimeout must be zero (do not wait) or a positive duration, got " + timeout);
            }
            this.poolTimeout = timeout;
            return this;
        }

        /**
         * Replaces connections older than this.
         *
         * @param recycle positive, or null to keep connections forever
         * @return this builder
         */
        public Builder poolRecycle(@Nullable Duration recycle) {
            this.poolRecycle = recycle == null ? null : positive("poolRecycle", recycle);
            return this;
        }

        /**
         * Closes connections idle longer than this.
         *
         * @param idle positive
         * @return this builder
         */
        public Builder poolIdleTimeout(Duration idle) {
            this.poolIdleTimeout = positive("poolIdleTimeout", idle);
            return this;
        }

        /**
         * Tests each connection at checkout and transparently replaces a dead one.
         *
         * @param prePing true to test
         * @return this builder
         */
        public Builder poolPrePing(boolean prePing) {
            this.poolPrePing = prePing;
            return this;
        }

        /**
         * Sets how long a cleanup step may take before the connection is discarded (see
         * {@link EngineOptions#cleanupTimeout()}).
         *
         * @param timeout positive
         * @return this builder
         */
        public Builder cleanupTimeout(Duration timeout) {
            this.cleanupTimeout = positive("cleanupTimeout", timeout);
            return this;
        }

        /**
         * Wraps the driver's factory of an engine made from a URL (see {@link EngineOptions#factoryDecorator()}); applied
         * after any decorator set before.
         *
         * @param decorator returns the factory to use in place of the one it is given
         * @return this builder
         */
        public Builder factoryDecorator(UnaryOperator<ConnectionFactory> decorator) {
            Objects.requireNonNull(decorator, "decorator");
            UnaryOperator<ConnectionFactory> before = this.factoryDecorator;
            this.factoryDecorator = factory -> decorator.apply(before.apply(factory));
            return this;
        }

        /**
         * Sets the default isolation level of every transaction.
         *
         * @param level the level, or null for the database default
         * @return this builder
         */
        public Builder isolationLevel(@Nullable IsolationLevel level) {
            this.isolationLevel = level;
            return this;
        }

        /**
         * Sets how many rows a streamed result reads at a time.
         *
         * @param rows at least 1
         * @return this builder
         */
        public Builder fetchSize(int rows) {
            this.fetchSize = atLeast("fetchSize", rows, 1);
            return this;
        }

        /**
         * Lets autobegun transactions send BEGIN only with their first statement that is not a pure read (see
         * {@link EngineOptions#deferBegin()}).
         *
         * @param defer false to send BEGIN before every transaction's first statement, as SQLAlchemy does
         * @return this builder
         */
        public Builder deferBegin(boolean defer) {
            this.deferBegin = defer;
            return this;
        }

        /**
         * Sets the engine-wide execution options.
         *
         * @param options the options
         * @return this builder
         */
        public Builder executionOptions(ExecutionOptions options) {
            this.executionOptions = Objects.requireNonNull(options, "options");
            return this;
        }

        /**
         * Uses this dialect instead of detecting one from the driver.
         *
         * @param dialect the dialect, or null to detect
         * @return this builder
         */
        public Builder dialect(@Nullable Dialect dialect) {
            this.dialect = dialect;
            return this;
        }

        /**
         * Refuses engine-wide server-side cursors, as SQLAlchemy's async engine does: streaming is
         * chosen per call with {@code stream()}.
         *
         * @param serverSideCursors must be false
         * @return this builder
         * @throws AsyncMethodRequired when true
         */
        public Builder serverSideCursors(boolean serverSideCursors) {
            if (serverSideCursors) {
                throw new AsyncMethodRequired("Can't set server_side_cursors for async engine globally; "
                        + "use the connection.stream() method for an async streaming result set");
            }
            return this;
        }

        /**
         * Builds the options.
         *
         * @return immutable options
         */
        public EngineOptions build() {
            return new EngineOptions(this);
        }

        private static int atLeast(String name, int value, int min) {
            if (value < min) {
                throw new ArgumentError(name + " must be at least " + min + ", got " + value);
            }
            return value;
        }

        private static Duration positive(String name, Duration value) {
            if (value.isNegative() || value.isZero()) {
                throw new ArgumentError(name + " must be a positive duration, got " + value);
            }
            return value;
        }
    }
}
