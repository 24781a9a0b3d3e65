package io.asyncorm.spring.boot.autoconfigure;

import static io.asyncorm.sql.Sql.text;

import io.asyncorm.engine.AsyncEngine;
import io.asyncorm.engine.PoolStatus;
import java.time.Duration;
import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import reactor.core.publisher.Mono;

/**
 * The engine's health: UP when a connection answers {@code SELECT 1} within the timeout, DOWN with the error
 * otherwise; the details give the dialect and the pool's state (acquired, idle, pending, max).
 */
final class AsyncEngineHealthIndicator extends AbstractReactiveHealthIndicator {

    private final AsyncEngine engine;

    private final Duration timeout;

    AsyncEngineHealthIndicator(AsyncEngine engine, Duration timeout) {
        super("async-orm engine health check failed");
        this.engine = engine;
        this.timeout = timeout;
    }

    @Override
    protected Mono<Health> doHealthCheck(Health.Builder builder) {
        return this.engine.connect(conn -> conn.scalar(text("SELECT 1"))).then()
                .timeout(this.timeout)
                .then(Mono.fromSupplier(() -> details(builder.up()).build()))
                .onErrorResume(error -> Mono.just(details(builder.down(error)).build()));
    }

    private Health.Builder details(Health.Builder builder) {
        PoolStatus pool = this.engine.poolStatus();
        return builder.withDetail("database", this.engine.dialect().name())
                .withDetail("pooled", pool.pooled())
                .withDetail("acquired", pool.acquired())
                .withDetail("idle", pool.idle())
                .withDetail("pending", pool.pending())
                .withDetail("maxSize", pool.maxSize());
    }
}
