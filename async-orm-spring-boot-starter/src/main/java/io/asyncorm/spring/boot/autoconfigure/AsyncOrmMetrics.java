package io.asyncorm.spring.boot.autoconfigure;

import io.asyncorm.engine.AsyncEngine;
import io.asyncorm.orm.AsyncScopedSession;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Micrometer meters that Spring Boot does not already make: {@code asyncorm.statements} (statements executed) and
 * {@code asyncorm.sessions.scoped} (sessions in the scoped registry). The pool's meters are Boot's own
 * {@code r2dbc.pool.*} (Boot finds the engine's pool behind {@code AsyncEngine.connectionFactory()}, or uses its
 * own pool), and flushes and commits are timed by their observations ({@link SessionObservations}).
 */
final class AsyncOrmMetrics implements MeterBinder {

    private final AsyncEngine engine;

    private final @Nullable AsyncScopedSession scoped;

    AsyncOrmMetrics(AsyncEngine engine, @Nullable AsyncScopedSession scoped) {
        this.engine = engine;
        this.scoped = scoped;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Counter statements = Counter.builder("asyncorm.statements").description("Statements the engine executed")
                .register(registry);
        this.engine.events().afterExecute(context -> Mono.fromRunnable(statements::increment));
        if (this.scoped != null) {
            Gauge.builder("asyncorm.sessions.scoped", this.scoped, AsyncScopedSession::size)
                    .description("Sessions in the scoped session's registry (one per open request or transaction scope)")
                    .register(registry);
        }
    }
}
