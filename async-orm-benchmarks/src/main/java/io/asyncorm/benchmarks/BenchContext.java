package io.asyncorm.benchmarks;

import io.asyncorm.engine.AsyncEngine;
import io.asyncorm.engine.EngineOptions;
import io.asyncorm.orm.AsyncSessionMaker;
import io.asyncorm.orm.Registry;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import java.util.function.Function;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.cfg.Configuration;
import org.hibernate.reactive.provider.ReactiveServiceRegistryBuilder;
import org.hibernate.reactive.stage.Stage;
import org.jspecify.annotations.Nullable;
import org.springframework.data.r2dbc.core.R2dbcEntityTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * The data layers a workload compares, all on one PostgreSQL database: one r2dbc-pool shared by the raw driver
 * arm, async-orm (its engine draws from the same pool) and Spring Data R2DBC; Hibernate Reactive on its own Vert.x
 * pool of the same size (it cannot use R2DBC).
 */
final class BenchContext {

    /** The entities every workload maps. */
    static final Registry REGISTRY = Registry.of(BenchRow.class, BenchParent.class, BenchChild.class);

    final String url;

    final int poolSize;

    final ConnectionPool pool;

    final AsyncEngine engine;

    final AsyncSessionMaker maker;

    final DatabaseClient client;

    final R2dbcEntityTemplate template;

    private Stage.@Nullable SessionFactory hibernate;

    private @Nullable AsyncEngine ownPoolEngine;

    private @Nullable AsyncSessionMaker ownPool;

    BenchContext(String url, int poolSize) {
        this(url, poolSize, EngineOptions.defaults());
    }

    BenchContext(String url, int poolSize, EngineOptions options) {
        this.url = url;
        this.poolSize = poolSize;
        // "memory": the W5 tables served by a driver with no database (see InMemoryDriver).
        ConnectionFactory factory = url.equals("memory") ? new InMemoryDriver(1_000, 10) : ConnectionFactories.get(url);
        this.pool = new ConnectionPool(ConnectionPoolConfiguration.builder(factory)
                .initialSize(poolSize).maxSize(poolSize).build());
        this.engine = AsyncEngine.create(this.pool, options);
        this.maker = AsyncSessionMaker.builder(this.engine, REGISTRY).expireOnCommit(false).build();
        this.client = DatabaseClient.create(this.pool);
        this.template = new R2dbcEntityTemplate(this.pool);
    }

    /** Runs work on a raw driver connection from the shared pool, closing (releasing) it on every path. */
    <T> Mono<T> raw(Function<Connection, Mono<T>> work) {
        return Mono.usingWhen(this.pool.create(), work, Connection::close, (connection, error) -> connection.close(),
                Connection::close);
    }

    /** Hibernate Reactive's session factory for {@link BenchRow}, built on first use. */
    synchronized Stage.SessionFactory hibernate() {
        if (this.hibernate == null) {
            ConnectionFactoryOptions options = ConnectionFactoryOptions.parse(this.url);
            Configuration configuration = new Configuration();
            configuration.setProperty("hibernate.connection.url", "postgresql://" + options.getValue(ConnectionFactoryOptions.HOST) + ":"
                    + options.getValue(ConnectionFactoryOptions.PORT) + "/" + options.getValue(ConnectionFactoryOptions.DATABASE));
            configuration.setProperty("hibernate.connection.username", String.valueOf(options.getValue(ConnectionFactoryOptions.USER)));
            Object password = options.getValue(ConnectionFactoryOptions.PASSWORD);
            if (password != null) {
                configuration.setProperty("hibernate.connection.password", password.toString());
            }
            configuration.setProperty("hibernate.connection.pool_size", Integer.toString(this.poolSize));
            configuration.setProperty("hibernate.jdbc.batch_size", "1000");
            configuration.addAnnotatedClass(BenchRow.class);
            StandardServiceRegistry registry = new ReactiveServiceRegistryBuilder().applySettings(configuration.getProperties()).build();
            this.hibernate = configuration.buildSessionFactory(registry).unwrap(Stage.SessionFactory.class);
        }
        return this.hibernate;
    }

    /** Creates the tables afresh and fills them: {@code rows} rows, {@code parents} parents with ten children each. */
    Mono<Void> schema(int rows, int parents) {
        return this.engine.begin(conn -> REGISTRY.metadata().dropAll(conn, true).then(REGISTRY.metadata().createAll(conn))
                .then(conn.execute(io.asyncorm.sql.Sql.text("insert into bench_orm (name, score) select 'name ' || g, g from generate_series(1, "
                        + rows + ") g")))
                .then(conn.execute(io.asyncorm.sql.Sql.text("insert into bench_parent (id, name) select g, 'parent ' || g "
                        + "from generate_series(1, " + parents + ") g")))
                .then(conn.execute(io.asyncorm.sql.Sql.text("insert into bench_child (id, name, parent_id) select g, 'child ' || g, "
                        + "(g - 1) / 10 + 1 from generate_series(1, " + parents * 10 + ") g")))
                .then(conn.execute(io.asyncorm.sql.Sql.text("analyze")))).then();
    }

    /**
     * A session maker over an engine that pools the driver itself, as {@code AsyncEngine.create(url)} and the starter
     * configure it (the same size, with the engine's pool timeout on each checkout); made on first use.
     */
    synchronized AsyncSessionMaker ownPoolMaker() {
        if (this.ownPool == null) {
            ConnectionFactory factory = this.url.equals("memory") ? new InMemoryDriver(1_000, 10) : ConnectionFactories.get(this.url);
            this.ownPoolEngine = AsyncEngine.create(factory, EngineOptions.builder().poolSize(this.poolSize).maxOverflow(0).build());
            this.ownPool = AsyncSessionMaker.builder(this.ownPoolEngine, REGISTRY).expireOnCommit(false).build();
        }
        return this.ownPool;
    }

    /** Drops the tables and closes every pool. */
    Mono<Void> close() {
        return this.engine.begin(conn -> REGISTRY.metadata().dropAll(conn, true)).then()
                .then(this.engine.dispose())
                .then(Mono.defer(() -> this.ownPoolEngine != null ? this.ownPoolEngine.dispose() : Mono.empty()))
                .then(Mono.defer(() -> {
                    if (this.hibernate != null) {
                        this.hibernate.close();
                    }
                    return this.pool.disposeLater();
                }));
    }
}
