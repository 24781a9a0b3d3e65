package io.asyncorm.orm;

import io.asyncorm.engine.AsyncConnection;
import io.asyncorm.engine.AsyncEngine;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

/**
 * Makes {@link AsyncSession}s with common settings: the analogue of SQLAlchemy's
 * {@code async_sessionmaker}. Safe for concurrent use; the sessions it makes are not.
 *
 * <pre>{@code
 * AsyncSessionMaker maker = AsyncSessionMaker.builder(engine, registry).expireOnCommit(false).build();
 * Mono<Void> saved = maker.begin(session -> {          // commit, or rollback on error/cancel; then close
 *     session.add(new A("a1"));
 *     return Mono.empty();
 * }).then();
 * }</pre>
 */
public interface AsyncSessionMaker {

    /**
     * Starts a builder.
     *
     * @param engine the engine sessions run on
     * @param registry the mapped classes
     * @return the builder
     */
    static Builder builder(AsyncEngine engine, Registry registry) {
        return new Builder(java.util.Objects.requireNonNull(engine, "engine"), registry);
    }

    /**
     * Starts a builder without a default engine: every statement must then be routed by
     * {@link Builder#binds} or {@link Builder#bindResolver}, or it fails with
     * {@link io.asyncorm.exception.UnboundExecutionError}.
     *
     * @param registry the mapped classes
     * @return the builder
     */
    static Builder builder(Registry registry) {
        return new Builder(null, registry);
    }

    /**
     * A new session (no I/O). The caller must {@link AsyncSession#close()} it; prefer {@link #use}.
     *
     * @return the session
     */
    AsyncSession create();

    /**
     * A new session with some settings changed for it alone (SQLAlchemy's {@code maker(**kw)}); the
     * entries given to {@link Builder#info} are added to the maker's, not put in their place.
     *
     * @param overrides a function of a builder holding the maker's settings
     * @return the session
     */
    AsyncSession create(Function<Builder, Builder> overrides);

    /**
     * Runs work with a new session and always closes it, on completion, error and cancel. Work that is
     * not committed is rolled back.
     *
     * @param work the work
     * @param <T> the element type
     * @return the work's elements
     */
    <T> Flux<T> use(Function<? super AsyncSession, ? extends Publisher<T>> work);

    /**
     * Runs work with a new session in a transaction: commits when the work completes (rolls back on error
     * or cancel, the error propagating unchanged), then closes the session.
     *
     * @param work the work
     * @param <T> the element type
     * @return the work's elements
     */
    <T> Flux<T> begin(Function<? super AsyncSession, ? extends Publisher<T>> work);

    /**
     * The listeners every session of this maker runs (before each session's own).
     *
     * @return the maker's events
     */
    SessionEvents events();

    /**
     * Changes settings for sessions made from now on; existing sessions keep theirs.
     *
     * @param changes a function of a builder holding the current settings
     */
    void configure(Function<Builder, Builder> changes);

    /**
     * The settings of a maker.
     */
    final class Builder {

        private @Nullable AsyncEngine engine;

        private Registry registry;

        private @Nullable BindResolver bindResolver;

        private boolean expireOnCommit = true;

        private boolean autoflush = true;

        private Map<String, Object> info = Map.of();

        private Map<Class<?>, AsyncEngine> binds = Map.of();

        private @Nullable AsyncConnection connection;

        private JoinTransactionMode joinMode = JoinTransactionMode.CONSERVATIVE_SAVEPOINT;

        Builder(@Nullable AsyncEngine engine, Registry registry) {
            this.engine = engine;
            this.registry = java.util.Objects.requireNonNull(registry, "registry");
        }

        /**
         * The engine sessions run on.
         *
         * @param engine the engine
         * @return this builder
         */
        public Builder engine(AsyncEngine engine) {
            this.engine = java.util.Objects.requireNonNull(engine, "engine");
            return this;
        }

        /**
         * Runs the statements about some entity classes on another engine (SQLAlchemy's {@code binds}): their
         * queries, loads and flushes use a connection to that engine, in the same session transaction. A commit
         * commits each engine's connection in turn; there is no two-phase commit across engines.
         *
         * @param binds entity class to engine; classes not listed use the maker's engine
         * @return this builder
         * @throws io.asyncorm.exception.UnmappedClassError when a class is not in the registry
         */
        public Builder binds(Map<Class<?>, AsyncEngine> binds) {
            binds.keySet().forEach(this.registry::mapper);
            this.binds = Map.copyOf(binds);
            return this;
        }

        /**
         * Routes each statement through a resolver first (read replicas, shards); when it returns null the
         * per-class {@link #binds} and then the maker's engine apply. See {@link BindResolver}.
         *
         * @param resolver the resolver, or null for none
         * @return this builder
         */
        public Builder bindResolver(@Nullable BindResolver resolver) {
            this.bindResolver = resolver;
            return this;
        }

        /**
         * Binds sessions to an outer connection (SQLAlchemy's {@code Session(bind=connection)}): every statement runs on
         * it, inside its transaction as {@link #joinTransactionMode} says, and the session never closes it. For mixing
         * Core and ORM work in one transaction, and for rolling each test back. Usually set per session:
         * {@code maker.create(b -> b.bind(connection).joinTransactionMode(JoinTransactionMode.CREATE_SAVEPOINT))}.
         *
         * @param connection the connection, or null to run on engines again
         * @return this builder
         */
        public Builder bind(@Nullable AsyncConnection connection) {
            this.connection = connection;
            return this;
        }

        /**
         * How a session bound to a connection joins its transaction ({@link JoinTransactionMode#CONSERVATIVE_SAVEPOINT}
         * by default, as in SQLAlchemy).
         *
         * @param mode the mode
         * @return this builder
         */
        public Builder joinTransactionMode(JoinTransactionMode mode) {
            this.joinMode = java.util.Objects.requireNonNull(mode, "mode");
            return this;
        }

        /**
         * Whether commit expires every object (true by default, as in SQLAlchemy).
         *
         * @param expireOnCommit the setting
         * @return this builder
         */
        public Builder expireOnCommit(boolean expireOnCommit) {
            this.expireOnCommit = expireOnCommit;
            return this;
        }

        /**
         * Whether queries flush pending changes first (true by default).
         *
         * @param autoflush the setting
         * @return this builder
         */
        public Builder autoflush(boolean autoflush) {
            this.autoflush = autoflush;
            return this;
        }

        /**
         * Entries every new session's {@link AsyncSession#info()} starts with.
         *
         * @param info the entries
         * @return this builder
         */
        public Builder info(Map<String, ?> info) {
            this.info = Map.copyOf(info);
            return this;
        }

        /** The same settings, with the info entries of another builder added to these. */
        Builder mergeInfo(Builder base) {
            if (this.info != base.info) {
                Map<String, Object> merged = new java.util.HashMap<>(base.info);
                merged.putAll(this.info);
                this.info = Map.copyOf(merged);
            }
            return this;
        }

        Builder copy() {
            Builder copy = new Builder(this.engine, this.registry);
            copy.expireOnCommit = this.expireOnCommit;
            copy.autoflush = this.autoflush;
            copy.info = this.info;
            copy.binds = this.binds;
            copy.bindResolver = this.bindResolver;
            copy.connection = this.connection;
            copy.joinMode = this.joinMode;
            return copy;
        }

        SessionOptions options() {
            return new SessionOptions(this.engine, this.binds, this.bindResolver, this.registry, this.expireOnCommit, this.autoflush,
                    this.info, this.connection, this.joinMode);
        }

        /**
         * Builds the maker.
         *
         * @return the maker
         */
        public AsyncSessionMaker build() {
            return new DefaultAsyncSessionMaker(copy());
        }
    }
}
