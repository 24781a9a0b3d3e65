package io.asyncorm.orm;

import io.asyncorm.engine.AsyncEngine;
import java.time.Duration;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A ready-made {@link BindResolver} for a PostgreSQL primary with read replicas (hot standbys). The rules:
 * <ul>
 * <li>every write (flush statements, DML, text statements) and every locking read ({@code FOR UPDATE}) goes to the
 * primary;</li>
 * <li>once the session's transaction holds a connection to the primary (it has written, or locked), its reads go
 * there too, so it reads its own writes;</li>
 * <li>with {@link Builder#readYourWrites(Duration)}, a session's reads go to the primary for that long after its
 * last write;</li>
 * <li>other reads go to a usable replica, round robin; with none usable, to the primary.</li>
 * </ul>
 * A replica is usable until {@link #checkHealth()} finds it unreachable, not in recovery, or behind the primary by
 * more than the lag bound; it becomes usable again at the first check it passes. Run the checks on a schedule with
 * {@link #monitor(Duration)} (subscribe once, dispose at shutdown). A read-only transaction may use a replica; a read
 * in a transaction that began on a replica and then writes stays on the replica (the session holds one connection per
 * engine), so put reads that must see a write after it.
 *
 * <pre>{@code
 * ReplicaRouting routing = ReplicaRouting.builder(primary).replicas(standby).maxLag(Duration.ofSeconds(5)).build();
 * AsyncSessionMaker maker = AsyncSessionMaker.builder(primary, registry).bindResolver(routing).build();
 * Disposable health = routing.monitor(Duration.ofSeconds(2)).subscribe();
 * }</pre>
 */
public interface ReplicaRouting extends BindResolver {

    /**
     * Starts a configuration.
     *
     * @param primary the engine of the primary
     * @return the builder
     */
    static Builder builder(AsyncEngine primary) {
        return new Builder(primary);
    }

    /**
     * Checks every replica once: reachable within the timeout, in recovery, and not lagging beyond the bound; marks each
     * usable or not.
     *
     * @return completes when every replica was checked (a failed check marks the replica, it does not fail this)
     */
    Mono<Void> checkHealth();

    /**
     * {@link #checkHealth()} now and then every {@code period}, one check at a time.
     *
     * @param period the time between checks
     * @return runs until disposed
     */
    default Flux<Void> monitor(Duration period) {
        return Flux.interval(Duration.ZERO, period).onBackpressureDrop().concatMap(tick -> checkHealth(), 1);
    }

    /**
     * The replicas reads may go to now.
     *
     * @return the usable replicas, in configuration order
     */
    List<AsyncEngine> usableReplicas();

    /** Configures a {@link ReplicaRouting}. */
    final class Builder {

        final AsyncEngine primary;

        List<AsyncEngine> replicas = List.of();

        Duration maxLag = Duration.ofSeconds(10);

        Duration checkTimeout = Duration.ofSeconds(2);

        Duration readYourWrites = Duration.ZERO;

        Builder(AsyncEngine primary) {
            this.primary = primary;
        }

        /**
         * The replicas reads are spread over.
         *
         * @param replicas their engines
         * @return this builder
         */
        public Builder replicas(AsyncEngine... replicas) {
            this.replicas = List.of(replicas);
            return this;
        }

        /**
         * How far behind the primary a replica may be and still take reads (default 10 s): the time since the last
         * transaction it replayed, when WAL it received is still waiting to be replayed.
         *
         * @param maxLag the bound
         * @return this builder
         */
        public Builder maxLag(Duration maxLag) {
            this.maxLag = maxLag;
            return this;
        }

        /**
         * How long a health check may take before the replica counts as down (default 2 s).
         *
         * @param timeout the limit
         * @return this builder
         */
        public Builder checkTimeout(Duration timeout) {
            this.checkTimeout = timeout;
            return this;
        }

        /**
         * Read-your-writes after commit: for this long after a session last sent a write (or a locking read) to the
         * primary, that session's reads go to the primary too, so a unit of work that committed and reads again in
         * the same session sees its commit even on a lagging replica. Off (zero) by default; inside a transaction the
         * session always reads its own writes.
         *
         * @param window how long a session keeps reading from the primary after its last write
         * @return this builder
         */
        public Builder readYourWrites(Duration window) {
            this.readYourWrites = window;
            return this;
        }

        /**
         * Builds the resolver; every replica starts usable.
         *
         * @return the resolver
         */
        public ReplicaRouting build() {
            return new DefaultReplicaRouting(this);
        }
    }
}
