package io.asyncorm.engine;

import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.context.Context;

/**
 * One time limit the engine puts on many short steps (the cleanup timeout on every ROLLBACK and release cleanup, the
 * pool timeout on every checkout), as a signal for Reactor's {@code timeout(Publisher, fallback)}: {@link #limit()} emits once the limit has passed since it
 * was subscribed, unless it was cancelled first (its step answered). {@code timeout(Duration)} schedules a task on the
 * parallel scheduler per step and cancels it when the step answers: a lock, and a worker thread woken whenever the task
 * is the earliest one (always, one step at a time); that was about a third of the client CPU of a Core read answered
 * from memory. Here a limit is an entry in a queue, and one task, scheduled at the oldest entry's deadline, fires the
 * entries that are due: all entries have the same limit, so the queue is in deadline order; a cancelled entry leaves
 * when it reaches the head (at once, one step at a time) or when the task passes. Deadlines are real time
 * ({@code System.nanoTime}), not a scheduler's clock.
 */
final class Deadlines {

    private final long limitNanos;

    private final Supplier<Scheduler> timer;

    private final ConcurrentLinkedQueue<Limit> pending = new ConcurrentLinkedQueue<>();

    /** Whether a sweep is scheduled. */
    private final AtomicBoolean armed = new AtomicBoolean();

    Deadlines(Duration limit) {
        this(limit, Schedulers::parallel);
    }

    /** With the scheduler the sweeps run on (tests count them). */
    Deadlines(Duration limit, Supplier<Scheduler> timer) {
        this.limitNanos = limit.toNanos();
        this.timer = timer;
    }

    /** A signal that comes once the limit has passed since its subscription; for {@code timeout(Publisher, fallback)}. */
    Mono<Long> limit() {
        return new LimitMono(this);
    }

    /** Entries waiting or cancelled but not yet dropped (for tests). */
    int pending() {
        return this.pending.size();
    }

    private void add(Limit limit) {
        this.pending.offer(limit);
        arm();
    }

    /** Schedules a sweep at the oldest waiting entry's deadline, unless one is scheduled or nothing waits. */
    private void arm() {
        Limit head = firstWaiting();
        if (head == null || !this.armed.compareAndSet(false, true)) {
            return;
        }
        long delay = Math.max(0, head.deadline - System.nanoTime());
        try {
            this.timer.get().schedule(this::sweep, delay, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException ex) {
            // The scheduler is shut down (the application is stopping): the limits wait for the next arm.
            this.armed.set(false);
        }
    }

    /**
     * Fires the entries that are due, then arms for the next one. A fired limit runs its step's fallback on this thread;
     * should one throw, the others still fire and the next sweep is still scheduled (else no limit would fire again).
     */
    private void sweep() {
        try {
            long now = System.nanoTime();
            Limit head;
            while ((head = firstWaiting()) != null && head.deadline - now <= 0) {
                this.pending.remove(head);
                try {
                    head.due();
                } catch (RuntimeException ex) {
                    Operators.onErrorDropped(ex, Context.empty());
                }
            }
        } finally {
            this.armed.set(false);
            arm();
        }
    }

    /** The oldest entry still waiting, dropping the cancelled ones before it. */
    private @Nullable Limit firstWaiting() {
        Limit head;
        while ((head = this.pending.peek()) != null && head.ended()) {
            this.pending.remove(head);
        }
        return head;
    }

    private static final class LimitMono extends Mono<Long> {

        private final Deadlines deadlines;

        LimitMono(Deadlines deadlines) {
            this.deadlines = deadlines;
        }

        @Override
        public void subscribe(CoreSubscriber<? super Long> actual) {
            Limit limit = new Limit(actual, System.nanoTime() + this.deadlines.limitNanos, this.deadlines);
            actual.onSubscribe(limit);
            if (!limit.ended()) {
                this.deadlines.add(limit);
            }
        }
    }

    /** One subscription to the limit: emits 0 and completes when it is both due and requested, unless cancelled. */
    private static final class Limit implements org.reactivestreams.Subscription {

        private static final AtomicIntegerFieldUpdater<Limit> ENDED = AtomicIntegerFieldUpdater.newUpdater(Limit.class, "ended");

        final long deadline;

        private final Deadlines deadlines;

        private volatile @Nullable CoreSubscriber<? super Long> actual;

        private volatile boolean requested;

        private volatile boolean due;

        /** 1 once emitted or cancelled. */
        private volatile int ended;

        Limit(CoreSubscriber<? super Long> actual, long deadline, Deadlines deadlines) {
            this.actual = actual;
            this.deadline = deadline;
            this.deadlines = deadlines;
        }

        boolean ended() {
            return this.ended == 1;
        }

        void due() {
            this.due = true;
            emitIfReady();
        }

        @Override
        public void request(long n) {
            if (Operators.validate(n)) {
                this.requested = true;
                emitIfReady();
            }
        }

        @Override
        public void cancel() {
            if (ENDED.compareAndSet(this, 0, 1)) {
                this.actual = null;
                this.deadlines.firstWaiting();
            }
        }

        private void emitIfReady() {
            CoreSubscriber<? super Long> subscriber = this.actual;
            if (this.due && this.requested && subscriber != null && ENDED.compareAndSet(this, 0, 1)) {
                this.actual = null;
                subscriber.onNext(0L);
                subscriber.onComplete();
            }
        }
    }
}
