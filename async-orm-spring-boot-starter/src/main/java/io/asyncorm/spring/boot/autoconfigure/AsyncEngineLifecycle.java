package io.asyncorm.spring.boot.autoconfigure;

import io.asyncorm.engine.AsyncEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Mono;

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
        disposeThen(this.engine.dispose(), callback, "the async-orm engine");
    }

    /**
     * Runs a disposal and then Spring's stop callback, whether it completes or fails (failure logged): the context's
     * stop waits for the callback, not for a blocked thread.
     */
    static void disposeThen(Mono<Void> disposal, Runnable callback, String what) {
        disposal.subscribe(new BaseSubscriber<Void>() {

            @Override
            protected void hookOnComplete() {
                callback.run();
            }

            @Override
            protected void hookOnError(Throwable error) {
                LOG.warn("Disposing {} failed", what, error);
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
