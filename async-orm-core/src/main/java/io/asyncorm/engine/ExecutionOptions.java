package io.asyncorm.engine;

import io.r2dbc.spi.IsolationLevel;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Options that change how statements run: the transaction isolation level, and the streaming options
 * that only {@code stream()} accepts ({@code streamResults}, {@code yieldPer}), a statement {@code timeout}; custom keys are carried
 * for listeners. Immutable; {@link #merge(ExecutionOptions)} layers options (call over connection over
 * engine).
 *
 * <pre>{@code
 * conn.executionOptions(ExecutionOptions.builder().isolationLevel(IsolationLevel.SERIALIZABLE).build());
 * }</pre>
 */
public final class ExecutionOptions {

    private static final ExecutionOptions NONE = new ExecutionOptions(null, false, false, null, false, null, Map.of());

    private final @Nullable IsolationLevel isolationLevel;

    private final boolean readOnly;

    private final boolean streamResults;

    private final @Nullable Integer yieldPer;

    private final boolean pureRead;

    private final @Nullable Duration timeout;

    private final Map<String, Object> custom;

    private ExecutionOptions(@Nullable IsolationLevel isolationLevel, boolean readOnly, boolean streamResults,
            @Nullable Integer yieldPer, boolean pureRead, @Nullable Duration timeout, Map<String, Object> custom) {
        this.isolationLevel = isolationLevel;
        this.readOnly = readOnly;
        this.streamResults = streamResults;
        this.yieldPer = yieldPer;
        this.timeout = timeout;
        this.pureRead = pureRead;
        this.custom = Collections.unmodifiableMap(new LinkedHashMap<>(custom));
    }

    /**
     * No options set.
     *
     * @return the empty options
     */
    public static ExecutionOptions none() {
        return NONE;
    }

    /**
     * A builder starting from no options.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The isolation level for transactions begun with these options.
     *
     * @return the level, or null for the database default
     */
    public @Nullable IsolationLevel isolationLevel() {
        return this.isolationLevel;
    }

    /**
     * Whether transactions begun with these options are read-only ({@code BEGIN READ ONLY} where the
     * driver supports it, as r2dbc-postgresql does; r2dbc-h2 ignores it).
     *
     * @return true when set
     */
    public boolean readOnly() {
        return this.readOnly;
    }

    /**
     * Whether a server-side cursor was asked for; only {@code stream()} honours it.
     *
     * @return true when set
     */
    public boolean streamResults() {
        return this.streamResults;
    }

    /**
     * The number of rows to read at a time from a cursor; only {@code stream()} honours it.
     *
     * @return the size, or null when not set
     */
    public @Nullable Integer yieldPer() {
        return this.yieldPer;
    }

    /**
     * Whether the statement only reads (no locking clause, no function with side effects): on PostgreSQL at READ
     * COMMITTED, such a statement may run before its transaction's BEGIN is sent, which a read-only unit of work
     * then never needs (see {@link EngineOptions#deferBegin()}). The ORM sets it for its entity loads; it applies to
     * one call only. A pure read's output, executed or streamed, is read as rows alone: its row count is the number of
     * rows, and notices the server sends with it are not echoed. A streamed pure read still waits for its BEGIN.
     *
     * @return true when set
     */
    public boolean pureRead() {
        return this.pureRead;
    }

    /**
     * How long {@code execute} waits for a statement before it cancels it (on the server too) and fails with
     * {@code StatementTimeoutError}; the connection is then discarded, as after any cancel of a statement in flight.
     *
     * @return the limit; null for none
     */
    public @Nullable Duration timeout() {
        return this.timeout;
    }

    /**
     * Custom options, for listeners and extensions.
     *
     * @return an unmodifiable map
     */
    public Map<String, Object> custom() {
        return this.custom;
    }

    /**
     * These options overlaid with another set: values set in {@code other} win.
     *
     * @param other the options to apply on top
     * @return the merged options
     */
    public ExecutionOptions merge(ExecutionOptions other) {
        if (other == NONE) {
            return this;
        }
        if (this == NONE) {
            return other;
        }
        Map<String, Object> custom = new LinkedHashMap<>(this.custom);
        custom.putAll(other.custom);
        return new ExecutionOptions(other.isolationLevel != null ? other.isolationLevel : this.isolationLevel,
                this.readOnly || other.readOnly, this.streamResults || other.streamResults, other.yieldPer != null ? other.yieldPer : this.yieldPer,
                other.pureRead, other.timeout != null ? other.timeout : this.timeout, custom);
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return this == other || other instanceof ExecutionOptions o && Objects.equals(this.isolationLevel, o.isolationLevel)
                && this.readOnly == o.readOnly && this.streamResults == o.streamResults && Objects.equals(this.yieldPer, o.yieldPer) && Objects.equals(this.timeout, o.timeout)
                && this.pureRead == o.pureRead && this.custom.equals(o.custom);
    }

    @Override
    public int hashCode() {
        return Objects.hash(this.isolationLevel, this.readOnly, this.streamResults, this.yieldPer, this.pureRead, this.timeout, this.custom);
    }

    @Override
    public String toString() {
        return "ExecutionOptions{isolationLevel=" + this.isolationLevel + ", readOnly=" + this.readOnly
                + ", streamResults=" + this.streamResults
                + ", yieldPer=" + this.yieldPer + ", pureRead=" + this.pureRead + ", timeout=" + this.timeout + ", custom=" + this.custom + "}";
    }

    /** Builds {@link ExecutionOptions}; not safe for concurrent use. */
    public static final class Builder {

        private @Nullable IsolationLevel isolationLevel;

        private boolean readOnly;

        private boolean streamResults;

        private @Nullable Integer yieldPer;

        private boolean pureRead;

        private @Nullable Duration timeout;

        private final Map<String, Object> custom = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Sets the isolation level of transactions begun with these options.
         *
         * @param level the level, or null for the database default
         * @return this builder
         */
        public Builder isolationLevel(@Nullable IsolationLevel level) {
            this.isolationLevel = level;
            return this;
        }

        /**
         * Makes transactions begun with these options read-only.
         *
         * @param readOnly true for {@code BEGIN READ ONLY}
         * @return this builder
         */
        public Builder readOnly(boolean readOnly) {
            this.readOnly = readOnly;
            return this;
        }

        /**
         * Asks for a server-side cursor; {@code execute} refuses it with {@code AsyncMethodRequired}.
         *
         * @param streamResults true to ask for a cursor
         * @return this builder
         */
        public Builder streamResults(boolean streamResults) {
            this.streamResults = streamResults;
            return this;
        }

        /**
         * Sets how many rows a cursor reads at a time; implies streaming.
         *
         * @param rows at least 1
         * @return this builder
         */
        public Builder yieldPer(int rows) {
            if (rows < 1) {
                throw new IllegalArgumentException("yieldPer must be at least 1, got " + rows);
            }
            this.yieldPer = rows;
            return this;
        }

        /**
         * Limits how long {@code execute} waits for each statement; see {@link ExecutionOptions#timeout()}.
         *
         * @param timeout a positive duration; null for none
         * @return this builder
         */
        public Builder timeout(@Nullable Duration timeout) {
            if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
                throw new IllegalArgumentException("timeout must be positive, got " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /**
         * Declares that the statement only reads, so it may run before its transaction's BEGIN is sent; see
         * {@link ExecutionOptions#pureRead()}.
         *
         * @param pureRead true for a statement without locking clause or side effects
         * @return this builder
         */
        public Builder pureRead(boolean pureRead) {
            this.pureRead = pureRead;
            return this;
        }

        /**
         * Adds a custom option.
         *
         * @param key the option name
         * @param value the value
         * @return this builder
         */
        public Builder option(String key, Object value) {
            this.custom.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Builds the options.
         *
         * @return immutable options
         */
        public ExecutionOptions build() {
            return new ExecutionOptions(this.isolationLevel, this.readOnly, this.streamResults, this.yieldPer, this.pureRead, this.timeout,
                    this.custom);
        }
    }
}
