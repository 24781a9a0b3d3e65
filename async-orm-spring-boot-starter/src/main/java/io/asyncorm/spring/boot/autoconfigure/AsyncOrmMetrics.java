package io.asyncorm.spring.boot.autoconfigure;

import io.asyncorm.engine.AsyncEngine;
import io.asyncorm.orm.AsyncScopedSession;
import io.asyncorm.orm.AsyncSession;
import io.asyncorm.orm.AsyncSessionMaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Micrometer meters for async-orm: the pool's gauges ({@code asyncorm.pool.acquired}, {@code .idle},
 * {@code .pending}, {@code .max}), {@code asyncorm.statements} (statements executed), {@code asyncorm.flush}
 * (a timer: count and duration of flushes), and {@code asyncorm.sessions.scoped} (sessions in the scoped registry).
 */
final class AsyncOrmMetrics implements MeterBinder {

    private final AsyncEngine engine;

    private final @Nullable AsyncSessionMaker maker;

    private final @Nullable AsyncScopedSession scoped;

    /** When each session's flush began; weak, so a flush that fails (no afterFlush) leaves nothing behind. */
    private final Map<AsyncSession, Long> flushStarts = Collections.synchronizedMap(new WeakHashMap<>());

    AsyncOrmMetrics(AsyncEngine engine, @Nullable AsyncSessionMaker maker, @Nullable AsyncScopedSession scoped) {
        this.engine = engine;
        this.maker = maker;
        this.scoped = scoped;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        pool(registry, "asyncorm.pool.acquired", "Connections checked out of the engine's pool", engine -> engine.poolStatus().acquired());
        pool(registry, "asyncorm.pool.idle", "Idle connections in the engine's pool", engine -> engine.poolStatus().idle());
        pool(registry, "asyncorm.pool.pending", "Checkouts waiting for a connection", engine -> engine.poolStatus().pending());
        pool(registry, "asyncorm.pool.max", "Most connections the pool may hold", engine -> engine.poolStatus().maxSize());
        Counter statements = Counter.builder("asyncorm.statements").description("Statements the engine executed")
                .register(registry);
        this.engine.events().afterExecute(context -> Mono.fromRunnable(statements::increment));
        if (this.maker != null) {
            Timer flushes = Timer.builder("asyncorm.flush").description("Session flushes and how long they took").register(registry);
            this.maker.events().beforeFlush(event -> Mono.fromRunnable(() -> this.flushStarts.put(event.session(), System.nanoTime())));
            this.maker.events().afterFlush(event -> Mono.fromRunnable(() -> {
                Long start = this.flushStarts.remove(event.session());
                if (start != null) {
                    flushes.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
                }
            }));
        }
        if (this.scoped != null) {
            Gauge.builder("asyncorm.sessions.scoped", this.scoped, AsyncScopedSession::size)
                    .description("Sessions in the scoped session's registry (one per open request or transaction scope)")
                    .register(registry);
        }
    }

    private void pool(MeterRegistry registry, String name, String description, ToDoubleFunction<AsyncEngine> value) {
        Gauge.builder(name, this.engine, value).description(description).register(registry);
    }
}
