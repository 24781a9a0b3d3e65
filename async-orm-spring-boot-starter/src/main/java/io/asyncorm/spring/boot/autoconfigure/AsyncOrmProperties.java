package io.asyncorm.spring.boot.autoconfigure;

import io.r2dbc.spi.IsolationLevel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code async-orm.*} settings. {@code async-orm.engine.*} is SQLAlchemy's {@code async_engine_from_config}:
 * every key is handed to {@code AsyncEngine.fromConfig} (or {@code EngineOptions.fromConfig} when the engine wraps
 * Spring Boot's {@code ConnectionFactory}), so the starter and the core read them the same way.
 */
@ConfigurationProperties("async-orm")
public class AsyncOrmProperties {

    private final Engine engine = new Engine();

    private final Session session = new Session();

    private final Schema schema = new Schema();

    private final Observations observations = new Observations();

    /** Creates the properties with their defaults. */
    public AsyncOrmProperties() {
    }

    /**
     * The engine settings.
     *
     * @return {@code async-orm.engine.*}
     */
    public Engine getEngine() {
        return this.engine;
    }

    /**
     * The session settings.
     *
     * @return {@code async-orm.session.*}
     */
    public Session getSession() {
        return this.session;
    }

    /**
     * The schema settings.
     *
     * @return {@code async-orm.schema.*}
     */
    public Schema getSchema() {
        return this.schema;
    }

    /**
     * The observation settings.
     *
     * @return {@code async-orm.observations.*}
     */
    public Observations getObservations() {
        return this.observations;
    }

    /** {@code async-orm.observations.*}: Micrometer observations of session flushes, commits and rollbacks. */
    public static class Observations {

        /**
         * Whether flushes, commits and rollbacks are observed (asyncorm.session.flush, .commit, .rollback) when an
         * ObservationRegistry is present.
         */
        private boolean enabled = true;

        /** Creates the settings with their defaults. */
        public Observations() {
        }

        /** @return whether sessions are observed */
        public boolean isEnabled() {
            return this.enabled;
        }

        /** @param enabled whether sessions are observed */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }

    /** What the starter does with the database schema at startup. */
    public enum SchemaMode {
        /** Nothing: the schema is managed elsewhere and not checked. */
        NONE,
        /** Creates the mapped tables that are missing (never drops or alters). */
        CREATE,
        /** Checks tables, columns and column types against the mapping; startup fails naming every mismatch. */
        VALIDATE
    }

    /** {@code async-orm.schema.*}: creating or validating the mapped tables at startup. */
    public static class Schema {

        /**
         * What to do with the schema at startup: none, create (the missing tables) or validate (against the mapping).
         * Unset: create for an embedded (in-memory H2) database, none otherwise, as spring.sql.init.mode does. Runs after
         * Flyway, Liquibase and Boot's SQL scripts.
         */
        private @Nullable SchemaMode mode;

        /** Creates the settings with their defaults. */
        public Schema() {
        }

        /** @return the mode; null for the default (create when embedded, else none) */
        public @Nullable SchemaMode getMode() {
            return this.mode;
        }

        /** @param mode the mode */
        public void setMode(@Nullable SchemaMode mode) {
            this.mode = mode;
        }
    }

    /** {@code async-orm.engine.*}: where to connect, pooling, logging and default execution options. */
    public static class Engine {

        /**
         * R2DBC URL of the database, for example r2dbc:postgresql://localhost:5432/app. When unset, the engine uses
         * Spring Boot's ConnectionFactory (spring.r2dbc.*, a @ServiceConnection, or an embedded H2).
         */
        private @Nullable String url;

        /** Login user of the database; overrides the one in the URL. */
        private @Nullable String username;

        /** Login password of the database; overrides the one in the URL. */
        private @Nullable String password;

        /** Whether to log every statement, its parameters and transaction boundaries (logger io.asyncorm.engine). */
        private boolean echo;

        /** Whether to leave parameter values out of the echo log and of error messages. */
        private boolean hideParameters;

        /** Name used in the echo log to tell engines apart. */
        private @Nullable String loggingName;

        private final Pool pool = new Pool();

        /**
         * Read replicas (PostgreSQL hot standbys) for ReplicaRouting: reads go to a usable one, writes and transactions
         * that touched the primary to the engine's URL. Each replica gets an engine with this engine's settings.
         */
        private final List<Replica> replicas = new ArrayList<>();

        /** How replicas are checked and when they are skipped. */
        private final ReplicaChecks replicaChecks = new ReplicaChecks();

        /** Isolation level of the transactions the engine begins; the database default when unset. */
        private @Nullable Isolation isolationLevel;

        /** Number of rows to read from the driver at a time when streaming. */
        private int fetchSize = 500;

        /**
         * On PostgreSQL at READ COMMITTED, send an implicit transaction's BEGIN with its first statement that is not an
         * entity load, so read-only units of work send no BEGIN / COMMIT; false sends BEGIN first.
         */
        private boolean deferBegin = true;

        /**
         * How long a cleanup step (a ROLLBACK at release, after an error or cancel) may take before the connection is
         * discarded instead of pooled.
         */
        private Duration cleanupTimeout = Duration.ofSeconds(5);

        /**
         * Default execution options of every connection: isolation-level, read-only, stream-results, yield-per, timeout, or
         * any other name as a custom option for listeners.
         */
        private Map<String, String> executionOptions = new LinkedHashMap<>();

        /** Creates the settings with their defaults. */
        public Engine() {
        }

        /** @return the R2DBC URL, or null to use Spring Boot's ConnectionFactory */
        public @Nullable String getUrl() {
            return this.url;
        }

        /** @param url the R2DBC URL */
        public void setUrl(@Nullable String url) {
            this.url = url;
        }

        /** @return the user, or null for the URL's */
        public @Nullable String getUsername() {
            return this.username;
        }

        /** @param username the user */
        public void setUsername(@Nullable String username) {
            this.username = username;
        }

        /** @return the password, or null for the URL's */
        public @Nullable String getPassword() {
            return this.password;
        }

        /** @param password the password */
        public void setPassword(@Nullable String password) {
            this.password = password;
        }

        /** @return whether statements are logged */
        public boolean isEcho() {
            return this.echo;
        }

        /** @param echo whether to log statements */
        public void setEcho(boolean echo) {
            this.echo = echo;
        }

        /** @return whether parameter values are hidden */
        public boolean isHideParameters() {
            return this.hideParameters;
        }

        /** @param hideParameters whether to hide parameter values */
        public void setHideParameters(boolean hideParameters) {
            this.hideParameters = hideParameters;
        }

        /** @return the logging name, or null */
        public @Nullable String getLoggingName() {
            return this.loggingName;
        }

        /** @param loggingName the logging name */
        public void setLoggingName(@Nullable String loggingName) {
            this.loggingName = loggingName;
        }

        /** @return the pool settings */
        public Pool getPool() {
            return this.pool;
        }

        /** @return the read replicas */
        public List<Replica> getReplicas() {
            return this.replicas;
        }

        /** @return how replicas are checked */
        public ReplicaChecks getReplicaChecks() {
            return this.replicaChecks;
        }

        /** @return the isolation level, or null for the database default */
        public @Nullable Isolation getIsolationLevel() {
            return this.isolationLevel;
        }

        /** @param isolationLevel the isolation level */
        public void setIsolationLevel(@Nullable Isolation isolationLevel) {
            this.isolationLevel = isolationLevel;
        }

        /** @return rows per fetch when streaming */
        public int getFetchSize() {
            return this.fetchSize;
        }

        /** @param fetchSize rows per fetch when streaming */
        public void setFetchSize(int fetchSize) {
            this.fetchSize = fetchSize;
        }

        /** @return whether BEGIN waits for the first statement that is not an entity load */
        public boolean isDeferBegin() {
            return this.deferBegin;
        }

        /** @param deferBegin false to send BEGIN before a transaction's first statement */
        public void setDeferBegin(boolean deferBegin) {
            this.deferBegin = deferBegin;
        }

        /** @return how long a cleanup step may take before the connection is discarded */
        public Duration getCleanupTimeout() {
            return this.cleanupTimeout;
        }

        /** @param cleanupTimeout positive */
        public void setCleanupTimeout(Duration cleanupTimeout) {
            this.cleanupTimeout = cleanupTimeout;
        }

        /** @return the default execution options */
        public Map<String, String> getExecutionOptions() {
            return this.executionOptions;
        }

        /** @param executionOptions the default execution options */
        public void setExecutionOptions(Map<String, String> executionOptions) {
            this.executionOptions = executionOptions;
        }
    }

    /** {@code async-orm.engine.replicas[*]}: one read replica. */
    public static class Replica {

        /** R2DBC URL of the replica, for example r2dbc:postgresql://standby:5432/app. */
        private @Nullable String url;

        /** Login user; overrides the one in the URL. */
        private @Nullable String username;

        /** Login password; overrides the one in the URL. */
        private @Nullable String password;

        /** Creates an empty replica entry. */
        public Replica() {
        }

        /** @return the URL */
        public @Nullable String getUrl() {
            return this.url;
        }

        /** @param url the URL */
        public void setUrl(@Nullable String url) {
            this.url = url;
        }

        /** @return the user */
        public @Nullable String getUsername() {
            return this.username;
        }

        /** @param username the user */
        public void setUsername(@Nullable String username) {
            this.username = username;
        }

        /** @return the password */
        public @Nullable String getPassword() {
            return this.password;
        }

        /** @param password the password */
        public void setPassword(@Nullable String password) {
            this.password = password;
        }
    }

    /** {@code async-orm.engine.replica-checks.*}: the health checks of read replicas. */
    public static class ReplicaChecks {

        /** How far behind the primary a replica may be and still take reads. */
        private Duration maxLag = Duration.ofSeconds(10);

        /** Time between two checks of every replica. */
        private Duration interval = Duration.ofSeconds(5);

        /** How long a check may take before the replica counts as down. */
        private Duration timeout = Duration.ofSeconds(2);

        /** Creates the settings with their defaults. */
        public ReplicaChecks() {
        }

        /** @return the lag bound */
        public Duration getMaxLag() {
            return this.maxLag;
        }

        /** @param maxLag the lag bound */
        public void setMaxLag(Duration maxLag) {
            this.maxLag = maxLag;
        }

        /** @return the time between checks */
        public Duration getInterval() {
            return this.interval;
        }

        /** @param interval the time between checks */
        public void setInterval(Duration interval) {
            this.interval = interval;
        }

        /** @return the check time limit */
        public Duration getTimeout() {
            return this.timeout;
        }

        /** @param timeout the check time limit */
        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }
    }

    /** {@code async-orm.engine.pool.*}: the engine's connection pool (r2dbc-pool). */
    public static class Pool {

        /** Whether the engine pools connections; ignored when it wraps a pool it does not own (Spring Boot's). */
        private boolean enabled = true;

        /** Number of connections the pool keeps. */
        private int size = 5;

        /** Connections the pool may open beyond its size under load. */
        private int maxOverflow = 10;

        /** How long a checkout waits for a free connection before failing with PoolTimeoutError. */
        private Duration timeout = Duration.ofSeconds(30);

        /** Age after which a connection is replaced; never when unset. */
        private @Nullable Duration recycle;

        /** Idle time after which a pooled connection is closed. */
        private Duration idleTimeout = Duration.ofMinutes(30);

        /** Whether to test each connection with a cheap query on checkout and replace dead ones. */
        private boolean prePing;

        /** Creates the settings with their defaults. */
        public Pool() {
        }

        /** @return whether pooling is on */
        public boolean isEnabled() {
            return this.enabled;
        }

        /** @param enabled whether pooling is on */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /** @return the pool size */
        public int getSize() {
            return this.size;
        }

        /** @param size the pool size */
        public void setSize(int size) {
            this.size = size;
        }

        /** @return the overflow */
        public int getMaxOverflow() {
            return this.maxOverflow;
        }

        /** @param maxOverflow the overflow */
        public void setMaxOverflow(int maxOverflow) {
            this.maxOverflow = maxOverflow;
        }

        /** @return the checkout timeout */
        public Duration getTimeout() {
            return this.timeout;
        }

        /** @param timeout the checkout timeout */
        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }

        /** @return the recycle age, or null */
        public @Nullable Duration getRecycle() {
            return this.recycle;
        }

        /** @param recycle the recycle age */
        public void setRecycle(@Nullable Duration recycle) {
            this.recycle = recycle;
        }

        /** @return the idle timeout */
        public Duration getIdleTimeout() {
            return this.idleTimeout;
        }

        /** @param idleTimeout the idle timeout */
        public void setIdleTimeout(Duration idleTimeout) {
            this.idleTimeout = idleTimeout;
        }

        /** @return whether connections are pinged on checkout */
        public boolean isPrePing() {
            return this.prePing;
        }

        /** @param prePing whether to ping connections on checkout */
        public void setPrePing(boolean prePing) {
            this.prePing = prePing;
        }
    }

    /** {@code async-orm.session.*}: the sessions of the auto-configured session maker. */
    public static class Session {

        /**
         * Whether commit() expires every loaded object, so the next access reloads it. False in the starter (the core's
         * and SQLAlchemy's default is true): an object returned from a {@code @Transactional} method is serialized after
         * the commit, where expired collections could not be read; SQLAlchemy's asyncio documentation recommends false,
         * and JPA users expect the committed state.
         */
        private boolean expireOnCommit = false;

        /** Whether queries flush pending changes first. */
        private boolean autoflush = true;

        /** Whether each WebFlux request gets its own scoped session, closed at the end of the exchange. */
        private boolean requestScope = true;

        /** Creates the settings with their defaults. */
        public Session() {
        }

        /** @return whether commit expires loaded objects */
        public boolean isExpireOnCommit() {
            return this.expireOnCommit;
        }

        /** @param expireOnCommit whether commit expires loaded objects */
        public void setExpireOnCommit(boolean expireOnCommit) {
            this.expireOnCommit = expireOnCommit;
        }

        /** @return whether queries autoflush */
        public boolean isAutoflush() {
            return this.autoflush;
        }

        /** @param autoflush whether queries autoflush */
        public void setAutoflush(boolean autoflush) {
            this.autoflush = autoflush;
        }

        /** @return whether requests get their own session */
        public boolean isRequestScope() {
            return this.requestScope;
        }

        /** @param requestScope whether requests get their own session */
        public void setRequestScope(boolean requestScope) {
            this.requestScope = requestScope;
        }
    }

    /** Transaction isolation levels, as {@code async-orm.engine.isolation-level} accepts them. */
    public enum Isolation {
        /** READ UNCOMMITTED. */
        READ_UNCOMMITTED,
        /** READ COMMITTED. */
        READ_COMMITTED,
        /** REPEATABLE READ. */
        REPEATABLE_READ,
        /** SERIALIZABLE. */
        SERIALIZABLE;

        /**
         * The R2DBC isolation level of this constant.
         *
         * @return the level
         */
        public IsolationLevel toIsolationLevel() {
            return switch (this) {
                case READ_UNCOMMITTED -> IsolationLevel.READ_UNCOMMITTED;
                case READ_COMMITTED -> IsolationLevel.READ_COMMITTED;
                case REPEATABLE_READ -> IsolationLevel.REPEATABLE_READ;
                case SERIALIZABLE -> IsolationLevel.SERIALIZABLE;
            };
        }
    }
}
