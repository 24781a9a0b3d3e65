package io.asyncorm.spring.boot.autoconfigure;

import io.asyncorm.engine.AsyncEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.publisher.BaseSubscriber;

/**
 * Disposes the engine's pool when the application context stops, without blocking: Spring waits for the
 * callback, which runs when {@code dispose()} completes. Stops after the web server (a lower phase than it),
 * so requests in flight finish first.
 */
final class AsyncEngineLifecycle implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(AsyncEngineLifecycle.class);

    private final AsyncEngine engine;

    private volatile boolean running;

    AsyncEngineLifecycle(AsyncEngine engine) {
        this.engine = engine;
    }

    @Override
    public void start() {
        this.running = true;
    }

    @Override
    public void stop() {
        throw new UnsupportedOperationException("stop(Runnable) is the only way to stop this lifecycle");
    }

    @Override
    public void stop(Runnable callback) {
        this.running = false;
        this.engine.dispose().subscribe(new BaseSubscriber<Void>() {

            @Override
            protected void hookOnComplete() {
                callback.run();
            }

            @Override
            protected void hookOnError(Throwable error) {
                LOG.warn("Disposing the async-orm engine failed", error);
                callback.run();
            }
        });
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
