package io.asyncorm.internal;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/**
 * The subscriber of the engine's and the session's one-subscriber operators: passes a {@code Mono}'s signals on and
 * runs one of two hooks, once: {@code ended} before the first value or terminal signal is passed on (so work chained
 * after it sees its effect), or {@code cancelled} on a cancel that comes first. It shows the source the context it
 * was given (the subscriber's, or one with a mark added).
 *
 * @param <T> the value's type
 */
public final class EndingSubscriber<T> implements CoreSubscriber<T>, Subscription {

    @SuppressWarnings("rawtypes")
    private static final AtomicIntegerFieldUpdater<EndingSubscriber> ENDED = AtomicIntegerFieldUpdater.newUpdater(EndingSubscriber.class,
            "done");

    private final CoreSubscriber<? super T> actual;

    private final Context context;

    private final Runnable ended;

    private final Runnable cancelled;

    private @Nullable Subscription upstream;

    /** 1 once a hook has run. */
    private volatile int done;

    /**
     * Creates the subscriber.
     *
     * @param actual the subscriber the signals go to
     * @param context the context the source sees
     * @param ended run before the first value or terminal signal is passed on
     * @param cancelled run on a cancel that comes before that
     */
    public EndingSubscriber(CoreSubscriber<? super T> actual, Context context, Runnable ended, Runnable cancelled) {
        this.actual = actual;
        this.context = context;
        this.ended = ended;
        this.cancelled = cancelled;
    }

    @Override
    public Context currentContext() {
        return this.context;
    }

    @Override
    public void onSubscribe(Subscription subscription) {
        if (Operators.validate(this.upstream, subscription)) {
            this.upstream = subscription;
            this.actual.onSubscribe(this);
        }
    }

    @Override
    public void onNext(T value) {
        end(this.ended);
        this.actual.onNext(value);
    }

    @Override
    public void onError(Throwable error) {
        end(this.ended);
        this.actual.onError(error);
    }

    @Override
    public void onComplete() {
        end(this.ended);
        this.actual.onComplete();
    }

    @Override
    public void request(long n) {
        Subscription current = this.upstream;
        if (current != null) {
            current.request(n);
        }
    }

    @Override
    public void cancel() {
        end(this.cancelled);
        Subscription current = this.upstream;
        if (current != null) {
            current.cancel();
        }
    }

    /** Runs the first of the two hooks to come, once. */
    private void end(Runnable hook) {
        if (ENDED.compareAndSet(this, 0, 1)) {
            hook.run();
        }
    }
}
