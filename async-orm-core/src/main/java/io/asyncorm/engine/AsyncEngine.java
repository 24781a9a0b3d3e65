package io.asyncorm.engine;

import io.asyncorm.dialect.Dialect;
import io.asyncorm.exception.ArgumentError;
import io.r2dbc.spi.ConnectionFactory;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A pool of R2DBC connections and a dialect: the entry point of async-orm's Core (SQLAlchemy's
 * {@code AsyncEngine}). Create one per database and application, share it freely (it is safe for
 * concurrent use), and {@link #dispose()} it at shutdown.
 *
 * <pre>{@code
 * AsyncEngine engine = AsyncEngine.create("r2dbc:postgresql://scott:tiger@localhost/test",
 *         EngineOptions.builder().echo(true).build());
 *
 * // begin(fn): commits when the work completes, rolls back on error or cancel, always closes
 * engine.begin(conn -> conn.execute(text("insert into t1 (name) values (:name)"), Map.of("name", "x"))).then();
 *
 * // connect(fn): autobegins; ends in ROLLBACK unless conn.commit() was called
 * Flux<Row> rows = engine.connect(conn -> conn.execute(text("select * from t1")).flatMapIterable(Result::all));
 * }</pre>
 */
public interface AsyncEngine {

    /**
     * Creates an engine from an R2DBC URL with default options.
     *
     * @param url for example {@code r2dbc:postgresql://user:secret@localhost:5432/db} or {@code r2dbc:h2:mem:///test}
     * @return the engine; no connection is opened until one is needed
     * @throws ArgumentError when the URL is not an R2DBC URL or no driver on the class path handles it
     */
    static AsyncEngine create(String url) {
        return create(url, EngineOptions.defaults());
    }

    /**
     * Creates an engine from an R2DBC URL.
     *
     * @param url an R2DBC URL; pool settings belong in the options, not in an {@code r2dbc:pool:} URL
     * @param options pool, logging and execution settings
     * @return the engine; no connection is opened until one is needed
     * @throws ArgumentError when the URL is not an R2DBC URL or no driver on the class path handles it
     */
    static AsyncEngine create(String url, EngineOptions options) {
        return DefaultAsyncEngine.fromUrl(url, options);
    }

    /**
     * Creates an engine from an R2DBC URL with the user and password given apart from it (as configuration
     * properties usually hold them); each one given overrides the URL's.
     *
     * @param url an R2DBC URL
     * @param username the user, or null for the URL's
     * @param password the password, or null for the URL's
     * @param options pool, logging and execution settings
     * @return the engine; no connection is opened until one is needed
     * @throws ArgumentError when the URL is not an R2DBC URL or no driver on the class path handles it
     */
    static AsyncEngine create(String url, @Nullable String username, @Nullable String password, EngineOptions options) {
        return DefaultAsyncEngine.fromUrl(url, username, password, options);
    }

    /**
     * Creates an engine over a connection factory. A plain driver factory is pooled according to the
     * options; an r2dbc-pool {@code ConnectionPool} (such as Spring Boot's) is used as it is, and is
     * never closed by this engine.
     *
     * @param factory the connection factory
     * @param options pool, logging and execution settings
     * @return the engine
     */
    static AsyncEngine create(ConnectionFactory factory, EngineOptions options) {
        return DefaultAsyncEngine.fromFactory(factory, options);
    }

    /**
     * Creates an engine from flat configuration (SQLAlchemy's {@code async_engine_from_config}): keeps
     * the keys starting with {@code prefix}, strips it, coerces string values (for example
     * {@code "5"} to 5, {@code "true"}, {@code "30s"}) and requires {@code url}. {@code username} and
     * {@code password} override the URL's; {@code execution-options.<name>} keys set the engine's default
     * execution options ({@code isolation-level}, {@code read-only}, {@code stream-results}, {@code yield-per},
     * anything else as a custom option).
     *
     * @param config the configuration, for example {@code {"asyncorm.url": ..., "asyncorm.pool-size": "5"}}
     * @param prefix the key prefix, for example {@code "asyncorm."}
     * @return the engine
     * @throws ArgumentError when {@code url} is missing, a key is unknown (the message lists the valid
     *     ones) or a value cannot be coerced
     */
    static AsyncEngine fromConfig(Map<String, ?> config, String prefix) {
        return fromConfig(config, prefix, Map.of());
    }

    /**
     * As {@link #fromConfig(Map, String)}, with values that override the configuration.
     *
     * @param config the configuration
     * @param prefix the key prefix
     * @param overrides keys without the prefix whose values win over the configuration
     * @return the engine
     */
    static AsyncEngine fromConfig(Map<String, ?> config, String prefix, Map<String, ?> overrides) {
        EngineConfig parsed = EngineConfig.parse(config, prefix, overrides);
        return DefaultAsyncEngine.fromUrl(parsed.url, parsed.username, parsed.password, parsed.options);
    }

    /**
     * Checks out a connection (the started form). The caller must {@link AsyncConnection#close()} it;
     * prefer {@link #connect(Function)}, which always does.
     *
     * @return the connection; {@code PoolTimeoutError} when none is free within the pool timeout. If the
     *     subscription is cancelled before the connection is emitted, it is released.
     */
    Mono<AsyncConnection> connect();

    /**
     * Runs work on a connection and closes it afterwards, on complete, error and cancel. The
     * connection autobegins on first use, so the scope ends in ROLLBACK unless the work calls
     * {@code commit()} ("commit as you go").
     *
     * @param work what to do with the connection
     * @param <T> what the work emits
     * @return what the work emits; the work's error is propagated unchanged
     */
    <T> Flux<T> connect(Function<? super AsyncConnection, ? extends Publisher<T>> work);

    /**
     * Runs work in a transaction: commits when the work completes, rolls back when it fails or is
     * cancelled, and always closes the connection. A failed statement leaves nothing written.
     *
     * @param work what to do inside the transaction
     * @param <T> what the work emits
     * @return what the work emits; the work's error is propagated unchanged
     */
    <T> Flux<T> begin(Function<? super AsyncConnection, ? extends Publisher<T>> work);

    /**
     * Closes the pooled connections and starts a fresh pool: the engine stays usable. Connections
     * checked out now are closed when they are released. Same as {@code dispose(true)}.
     *
     * @return completes when the old pool is closed
     */
    Mono<Void> dispose();

    /**
     * Swaps in a fresh pool. With {@code close} the old pool's connections are closed (checked-out ones
     * when released); without it the old pool is left alone until the next {@code dispose(true)}.
     *
     * @param close whether to close the old pool now
     * @return completes when done
     */
    Mono<Void> dispose(boolean close);

    /**
     * A new engine with these execution options on top of this engine's, sharing this engine's pool,
     * dialect and listeners. This engine is unchanged.
     *
     * @param options the options to add
     * @return the new engine
     */
    AsyncEngine withExecutionOptions(ExecutionOptions options);

    /**
     * Adds execution options to this engine's own, in place (SQLAlchemy's {@code update_execution_options}): this
     * engine's connections, open ones included, use them from their next statement or transaction (options set on a
     * connection still win). Engines made by {@link #withExecutionOptions} before the call are not changed.
     *
     * @param options the options to add
     */
    void updateExecutionOptions(ExecutionOptions options);

    /**
     * The engine-wide execution options.
     *
     * @return the options
     */
    ExecutionOptions executionOptions();

    /**
     * The name of the R2DBC driver (SQLAlchemy's {@code driver}), as its connection factory reports it, for example
     * {@code PostgreSQL}, {@code H2} or {@code MariaDB}.
     *
     * @return the driver's name
     */
    String driver();

    /**
     * The options the engine was created with.
     *
     * @return the options
     */
    EngineOptions options();

    /**
     * The dialect of the database.
     *
     * @return the dialect
     */
    Dialect dialect();

    /**
     * The URL the engine connects to, with any password masked.
     *
     * @return the masked URL, or a description of the connection factory
     */
    String url();

    /**
     * The listeners on this engine's connections and statements.
     *
     * @return the event registry
     */
    EngineEvents events();

    /**
     * How many connections are checked out and idle now.
     *
     * @return a snapshot
     */
    PoolStatus poolStatus();

    /**
     * Forgets the SQL this engine's dialect has compiled and cached by statement shape (SQLAlchemy's
     * {@code clear_compiled_cache}); the cache is shared by the engines of one dialect.
     */
    default void clearCompiledCache() {
        io.asyncorm.sql.Sql.clearCompiledCache(dialect());
    }

    /**
     * This engine as an R2DBC {@link io.r2dbc.spi.ConnectionFactory}: {@code create()} checks out a connection from
     * the engine's pool (running the connect and checkout listeners), and closing that connection gives it back.
     * Lets R2DBC tools such as Spring's {@code DatabaseClient} share the engine's pool; the Spring Boot starter
     * exposes it as the application's {@code ConnectionFactory} when {@code async-orm.engine.url} is set.
     *
     * @return a view of this engine; safe for concurrent use
     */
    io.r2dbc.spi.ConnectionFactory connectionFactory();
}
