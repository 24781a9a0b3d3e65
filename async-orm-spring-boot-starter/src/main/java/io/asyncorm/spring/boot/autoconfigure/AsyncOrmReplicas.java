package io.asyncorm.spring.boot.autoconfigure;

import io.asyncorm.engine.AsyncEngine;
import io.asyncorm.orm.ReplicaRouting;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;

/**
 * The read replicas of {@code async-orm.engine.replicas}: their engines, the {@link ReplicaRouting} over them, and its
 * health checks, run from start to stop (then the replicas' pools are closed, after the web server stopped).
 */
final class AsyncOrmReplicas implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(AsyncOrmReplicas.class);

    private final List<AsyncEngine> engines;

    private final ReplicaRouting routing;

    private final Duration interval;

    private volatile Disposable checks = () -> { };

    private volatile boolean running;

    AsyncOrmReplicas(List<AsyncEngine> engines, ReplicaRouting routing, Duration interval) {
        this.engines = List.copyOf(engines);
        this.routing = routing;
        this.interval = interval;
    }

    ReplicaRouting routing() {
        return this.routing;
    }

    @Override
    public void start() {
        BaseSubscriber<Void> checks = new BaseSubscriber<>() {

            @Override
            protected void hookOnError(Throwable error) {
                LOG.warn("The replica health checks stopped; replicas keep their last state", error);
            }
        };
        this.routing.monitor(this.interval).subscribe(checks);
        this.checks = checks;
        this.running = true;
    }

    @Override
    public void stop() {
        throw new UnsupportedOperationException("stop(Runnable) is the only way to stop this lifecycle");
    }

    @Override
    public void stop(Runnable callback) {
        this.running = false;
        this.checks.dispose();
        AsyncEngineLifecycle.disposeThen(Flux.fromIterable(this.engines).concatMap(AsyncEngine::dispose).then(), callback,
                "the replica engines");
    }

    @Override
    public boolean isRunning() {
        return this.running;
    }

    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 2048;
    }
}
