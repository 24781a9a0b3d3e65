package io.asyncorm.orm;

import io.asyncorm.engine.AsyncEngine;
import io.asyncorm.sql.Sql;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** {@link ReplicaRouting}: the rules, round robin over the usable replicas, and their health checks. */
final class DefaultReplicaRouting implements ReplicaRouting {

    private static final Logger LOG = LoggerFactory.getLogger(ReplicaRouting.class);

    /**
     * In recovery, and how far behind: 0 when everything received is replayed, else the seconds since the last replayed
     * transaction (so an idle replica does not count as lagging).
     */
    private static final String HEALTH = "select pg_is_in_recovery() as standby, case when pg_last_wal_receive_lsn() "
            + "is null or pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() then 0 else coalesce(extract(epoch from "
            + "now() - pg_last_xact_replay_timestamp()), 0) end as lag";

    /** The session info key holding when (System.nanoTime) the session may read from replicas again. */
    private static final String PRIMARY_UNTIL = "asyncorm.replicas.primaryUntil";

    private final AsyncEngine primary;

    private final List<AsyncEngine> replicas;

    private final Duration maxLag;

    private final Duration checkTimeout;

    /** Nanoseconds a session reads from the primary after its last write; 0 for off. */
    private final long readYourWrites;

    /** 1 usable, 0 not, per replica. */
    private final AtomicIntegerArray usable;

    private final AtomicInteger next = new AtomicInteger();

    DefaultReplicaRouting(ReplicaRouting.Builder builder) {
        this.primary = builder.primary;
        this.replicas = List.copyOf(builder.replicas);
        this.maxLag = builder.maxLag;
        this.checkTimeout = builder.checkTimeout;
        this.readYourWrites = builder.readYourWrites.toNanos();
        this.usable = new AtomicIntegerArray(this.replicas.size());
        for (int i = 0; i < this.replicas.size(); i++) {
            this.usable.set(i, 1);
        }
    }

    @Override
    public AsyncEngine resolve(BindContext context) {
        if (context.isWrite() || context.isLocking()) {
            if (this.readYourWrites > 0) {
                context.sessionInfo().put(PRIMARY_UNTIL, System.nanoTime() + this.readYourWrites);
            }
            return this.primary;
        }
        if (context.holdsConnection(this.primary) || (this.readYourWrites > 0 && readsOwnWrites(context))) {
            return this.primary;
        }
        AsyncEngine replica = nextUsable();
        return replica != null ? replica : this.primary;
    }

    /** A replica that could not be reached is skipped from now on (until a check passes); the read goes elsewhere. */
    @Override
    public @Nullable AsyncEngine fallback(BindContext context, AsyncEngine failed, Throwable error) {
        int index = this.replicas.indexOf(failed);
        if (index < 0) {
            return null;
        }
        mark(index, "unreachable: " + error.getMessage());
        AsyncEngine replica = nextUsable();
        return replica != null ? replica : this.primary;
    }

    private static boolean readsOwnWrites(BindContext context) {
        return context.sessionInfo().get(PRIMARY_UNTIL) instanceof Long until && System.nanoTime() - until < 0;
    }

    private @Nullable AsyncEngine nextUsable() {
        int count = this.replicas.size();
        int start = Math.floorMod(this.next.getAndIncrement(), Math.max(count, 1));
        for (int i = 0; i < count; i++) {
            int index = (start + i) % count;
            if (this.usable.get(index) == 1) {
                return this.replicas.get(index);
            }
        }
        return null;
    }

    @Override
    public Mono<Void> checkHealth() {
        return Flux.range(0, this.replicas.size()).concatMap(this::check).then();
    }

    private Mono<Void> check(int index) {
        AsyncEngine replica = this.replicas.get(index);
        return replica.connect(conn -> conn.execute(Sql.text(HEALTH)))
                .next()
                .timeout(this.checkTimeout)
                .map(result -> {
                    var row = result.one();
                    boolean standby = Boolean.TRUE.equals(row.get("standby"));
                    double lag = ((Number) row.get("lag")).doubleValue();
                    if (!standby) {
                        return "not in recovery (promoted, or not a standby)";
                    }
                    return lag * 1000 > this.maxLag.toMillis() ? String.format("%.1f s behind the primary", lag) : "";
                })
                .onErrorResume(error -> Mono.just("unreachable: " + error.getMessage()))
                .doOnNext(problem -> mark(index, problem))
                .then();
    }

    private void mark(int index, String problem) {
        boolean ok = problem.isEmpty();
        int before = this.usable.getAndSet(index, ok ? 1 : 0);
        if (before == 1 && !ok) {
            LOG.warn("Replica {} skipped for reads: {}", this.replicas.get(index).url(), problem);
        } else if (before == 0 && ok) {
            LOG.info("Replica {} takes reads again", this.replicas.get(index).url());
        }
    }

    @Override
    public List<AsyncEngine> usableReplicas() {
        List<AsyncEngine> result = new ArrayList<>();
        for (int i = 0; i < this.replicas.size(); i++) {
            if (this.usable.get(i) == 1) {
                result.add(this.replicas.get(i));
            }
        }
        return result;
    }
}
