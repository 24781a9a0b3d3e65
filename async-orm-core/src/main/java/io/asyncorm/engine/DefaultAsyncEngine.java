package io.asyncorm.engine;

import io.asyncorm.dialect.Dialect;
import io.asyncorm.exception.ArgumentError;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.reactivestreams.Publisher;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The engine: a view of a shared {@link EngineCore} with its own execution options. */
final class DefaultAsyncEngine implements AsyncEngine {

    private static final Pattern URL_PASSWORD = Pattern.compile("(://[^:/@?]+:)[^@/]*@");

    private static final Pattern QUERY_PASSWORD = Pattern.compile("(?i)(password=)[^&]*");

    private final EngineCore core;

    // Replaced by updateExecutionOptions (SQLAlchemy's in-place update); each connection reads it when it opens.
    private volatile ExecutionOptions executionOptions;

    private DefaultAsyncEngine(EngineCore core, ExecutionOptions executionOptions) {
        this.core = core;
        this.executionOptions = executionOptions;
    }

    static AsyncEngine fromUrl(String url, EngineOptions options) {
        return fromUrl(url, null, null, options);
    }

    /** An engine from a URL whose user and password may be given apart from it (both override the URL's). */
    static AsyncEngine fromUrl(String url, @Nullable String username, @Nullable String password, EngineOptions options) {
        ConnectionFactoryOptions parsed;
        try {
            parsed = ConnectionFactoryOptions.parse(url);
        } catch (IllegalArgumentException e) {
            throw new ArgumentError("Not an R2DBC URL: '" + mask(url) + "'. Expected r2dbc:driver://user:password@host:port/database"
                    + " (for example r2dbc:postgresql://localhost/test or r2dbc:h2:mem:///test).", e);
        }
        if ("pool".equals(parsed.getValue(ConnectionFactoryOptions.DRIVER))) {
            throw new ArgumentError("'" + mask(url) + "' asks r2dbc-pool for a pool, but the engine pools connections itself: "
                    + "drop 'pool:' from the URL and set poolSize / poolTimeout in EngineOptions.");
        }
        if (username != null || password != null) {
            ConnectionFactoryOptions.Builder builder = parsed.mutate();
            if (username != null) {
                builder.option(ConnectionFactoryOptions.USER, username);
            }
            if (password != null) {
                builder.option(ConnectionFactoryOptions.PASSWORD, password);
            }
            parsed = builder.build();
        }
        ConnectionFactory factory;
        try {
            factory = ConnectionFactories.get(parsed);
        } catch (IllegalStateException e) {
            throw new ArgumentError("No R2DBC driver on the class path handles '" + mask(url) + "' (driver '"
                    + parsed.getValue(ConnectionFactoryOptions.DRIVER) + "'). Add the driver dependency, for example "
                    + "org.postgresql:r2dbc-postgresql, io.r2dbc:r2dbc-h2 or org.mariadb:r2dbc-mariadb.", e);
        }
        return new DefaultAsyncEngine(new EngineCore(mask(url), options.factoryDecorator().apply(factory), options),
                options.executionOptions());
    }

    static AsyncEngine fromFactory(ConnectionFactory factory, EngineOptions options) {
        return new DefaultAsyncEngine(new EngineCore(factory.toString(), factory, options), options.executionOptions());
    }

    static String mask(String url) {
        return QUERY_PASSWORD.matcher(URL_PASSWORD.matcher(url).replaceFirst("$1***@")).replaceAll("$1***");
    }

    @Override
    public Mono<AsyncConnection> connect() {
        return this.core.checkout(checkout -> new DefaultAsyncConnection(this, this.core, checkout));
    }

    @Override
    public <T> Flux<T> connect(Function<? super AsyncConnection, ? extends Publisher<T>> work) {
        return Flux.usingWhen(connect(), work,
                AsyncConnection::close,
                (connection, error) -> closeQuietly(connection),
                DefaultAsyncEngine::closeQuietly);
    }

    @Override
    public <T> Flux<T> begin(Function<? super AsyncConnection, ? extends Publisher<T>> work) {
        return connect(connection -> connection.begin(transaction -> work.apply(connection)));
    }

    static Mono<Void> closeQuietly(AsyncConnection connection) {
        return connection.close().onErrorResume(error -> {
            EngineCore.logCleanupFailure("Closing a connection after an error or cancel", error);
            return Mono.empty();
        });
    }

    @Override
    public Mono<Void> dispose() {
        return dispose(true);
    }

    @Override
    public Mono<Void> dispose(boolean close) {
        return this.core.dispose(close);
    }

    @Override
    public AsyncEngine withExecutionOptions(ExecutionOptions options) {
        return new DefaultAsyncEngine(this.core, this.executionOptions.merge(options));
    }

    @Override
    public synchronized void updateExecutionOptions(ExecutionOptions options) {
        this.executionOptions = this.executionOptions.merge(options);
    }

    @Override
    public ExecutionOptions executionOptions() {
        return this.executionOptions;
    }

    @Override
    public String driver() {
        return this.core.factory.getMetadata().getName();
    }

    @Override
    public EngineOptions options() {
        return this.core.options;
    }

    @Override
    public Dialect dialect() {
        return this.core.dialect;
    }

    @Override
    public String url() {
        return this.core.url;
    }

    @Override
    public EngineEvents events() {
        return this.core.events;
    }

    @Override
    public ConnectionFactory connectionFactory() {
        return new EngineConnectionFactory(this.core);
    }

    @Override
    public PoolStatus poolStatus() {
        return this.core.source().status();
    }

    @Override
    public String toString() {
        return "AsyncEngine(" + this.core.url + ")";
    }
}
