package io.asyncorm.orm;

import io.asyncorm.engine.AsyncEngine;
import io.asyncorm.exception.InvalidRequestError;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A ready-made {@link BindResolver} for data split over several databases by a key (a tenant, an id range): each
 * session names its shard in its {@link AsyncSession#info()} map, and every statement of the session (queries, loads,
 * flushes) runs on that shard's engine. A transaction stays on one shard: a statement for another shard while the
 * transaction holds a connection to the first is refused with an {@link InvalidRequestError} before anything is sent
 * (commit or roll back first), so no transaction is ever half-committed across shards.
 *
 * <pre>{@code
 * ShardRouting shards = ShardRouting.byInfo("tenant", Map.of("acme", acmeEngine, "globex", globexEngine));
 * AsyncSessionMaker maker = AsyncSessionMaker.builder(registry).bindResolver(shards).build();
 * maker.begin(session -> { session.info().put("tenant", "acme"); ... });
 * }</pre>
 */
public final class ShardRouting implements BindResolver {

    private final String key;

    private final Map<Object, AsyncEngine> shards;

    private ShardRouting(String key, Map<?, AsyncEngine> shards) {
        this.key = key;
        this.shards = new LinkedHashMap<>(shards);
    }

    /**
     * Routes by a value of the session's info map.
     *
     * @param key the info key that names the shard, for example {@code "tenant"}
     * @param shards the engine of each shard, by that value
     * @return the resolver
     */
    public static ShardRouting byInfo(String key, Map<?, AsyncEngine> shards) {
        if (shards.isEmpty()) {
            throw new IllegalArgumentException("ShardRouting needs at least one shard");
        }
        return new ShardRouting(key, shards);
    }

    @Override
    public AsyncEngine resolve(BindContext context) {
        Object value = context.sessionInfo().get(this.key);
        AsyncEngine shard = value == null ? null : this.shards.get(value);
        if (shard == null) {
            throw new InvalidRequestError("No shard for " + this.key + " = " + value + ": put the session's shard in its info "
                    + "map first (session.info().put(\"" + this.key + "\", ...)); shards are " + this.shards.keySet());
        }
        for (Map.Entry<Object, AsyncEngine> other : this.shards.entrySet()) {
            if (other.getValue() != shard && context.holdsConnection(other.getValue())) {
                throw new InvalidRequestError("This transaction runs on shard " + other.getKey() + " and cannot also use shard "
                        + value + ": a transaction is confined to one shard; commit or roll it back before switching");
            }
        }
        return shard;
    }
}
