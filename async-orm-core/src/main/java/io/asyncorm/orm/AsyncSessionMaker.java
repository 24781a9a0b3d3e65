package io.asyncorm.orm;

import io.asyncorm.engine.AsyncEngine;
import java.util.Map;
import java.util.function.Function;
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
        return new Builder(engine, registry);
    }

    /**
     * A new session (no I/O). The caller must {@link AsyncSession#close()} it; prefer {@link #use}.
     *
     * @return the session
     */
    AsyncSession create();

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
     * Changes settings for sessions made from now on; existing sessions keep theirs.
     *
     * @param changes a function of a builder holding the current settings
     */
    void configure(Function<Builder, Builder> changes);

    /**
     * The settings of a maker.
     */
    final class Builder {

        private AsyncEngine engine;

        private Registry registry;

        private boolean expireOnCommit = true;

        private boolean autoflush = true;

        private Map<String, Object> info = Map.of();

        private Map<Class<?>, AsyncEngine> binds = Map.of();

        Builder(AsyncEngine engine, Registry registry) {
            this.engine = java.util.Objects.requireNonNull(engine, "engine");
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

        Builder copy() {
            Builder copy = new Builder(this.engine, this.registry);
            copy.expireOnCommit = this.expireOnCommit;
            copy.autoflush = this.autoflush;
            copy.info = this.info;
            copy.binds = this.binds;
            return copy;
        }

        SessionOptions options() {
            return new SessionOptions(this.engine, this.binds, this.registry, this.expireOnCommit, this.autoflush, this.info);
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
