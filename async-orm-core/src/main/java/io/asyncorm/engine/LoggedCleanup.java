package io.asyncorm.engine;

import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;

/**
 * Runs a cleanup no one waits for (a connection given back after its checkout ended), to its end; its failure is
 * logged, as there is no one left to tell.
 */
final class LoggedCleanup implements CoreSubscriber<Void> {

    private final String what;

    /** @param what what the cleanup does, for the log line of its failure */
    LoggedCleanup(String what) {
        this.what = what;
    }

    @Override
    public void onSubscribe(Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(Void nothing) {
    }

    @Override
    public void onError(Throwable error) {
        EngineCore.logCleanupFailure(this.what, error);
    }

    @Override
    public void onComplete() {
    }
}
