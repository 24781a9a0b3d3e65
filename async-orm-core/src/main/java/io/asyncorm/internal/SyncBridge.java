package io.asyncorm.internal;

import io.asyncorm.exception.InvalidRequestError;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The one place async-orm blocks: {@code runSync} runs a block of plain, sequential code on a thread of
 * its own where blocking is allowed (a virtual thread when the JVM has them, else a bounded elastic
 * thread), and the block's calls wait there for the reactive operations they start. Nothing else in the
 * library blocks, and {@link #await} refuses to run on any thread but a running block's, so a block's
 * blocking can never reach an event-loop thread.
 *
 * <p>Cancelling the {@code Mono} that {@link #run} returned interrupts the block's thread (the operation it
 * waits on is cancelled, and the wait ends with a {@link CancellationException}), refuses its later calls,
 * waits a bounded time for the thread to leave the block, then runs the caller's clean-up (a rollback).
 */
public final class SyncBridge {

    private static final Map<Thread, Run> RUNNING = new ConcurrentHashMap<>();

    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private static final Scheduler SCHEDULER = scheduler();

    private SyncBridge() {
    }

    /** Virtual threads on Java 21 and later (looked up reflectively: the library targets Java 17), else bounded elastic ones. */
    private static Scheduler scheduler() {
        try {
            ExecutorService virtual = (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
            return Schedulers.fromExecutorService(virtual, "async-orm-sync");
        } catch (ReflectiveOperationException ex) {
            return Schedulers.newBoundedElastic(Schedulers.DEFAULT_BOUNDED_ELASTIC_SIZE, Schedulers.DEFAULT_BOUNDED_ELASTIC_QUEUESIZE,
                    "async-orm-sync", 60, true);
        }
    }

    /**
     * Runs a block on a blocking-allowed thread.
     *
     * @param block the block
     * @param afterCancel the clean-up to run when the caller cancels, once the block's thread has stopped (or a
     *        bounded wait for it has passed)
     * @param <T> the block's result type
     * @return the block's result (empty for null), or its error
     */
    public static <T> Mono<T> run(Callable<? extends @Nullable T> block, Supplier<Mono<Void>> afterCancel) {
        return Mono.usingWhen(Mono.fromSupplier(Run::new), run -> run.execute(block), run -> Mono.empty(),
                (run, error) -> Mono.empty(),
                run -> run.stopped().timeout(STOP_WAIT, Mono.empty()).then(Mono.defer(afterCancel)));
    }

    /**
     * Waits for an operation, on a block's thread only.
     *
     * @param operation the operation
     * @param <T> its value type
     * @return its value, or null when it completed empty
     * @throws InvalidRequestError when called outside a runSync block
     * @throws CancellationException when the block was cancelled
     */
    public static <T> @Nullable T await(Mono<T> operation) {
        Run run = RUNNING.get(Thread.currentThread());
        if (run == null) {
            throw new InvalidRequestError("Blocking is only allowed inside a runSync block; use the reactive API here");
        }
        if (run.cancelled || Thread.currentThread().isInterrupted()) {
            throw new CancellationException("runSync was cancelled");
        }
        try {
            return operation.block();
        } catch (RuntimeException ex) {
            if (Exceptions.unwrap(ex) instanceof InterruptedException) {
                throw new CancellationException("runSync was cancelled");
            }
            throw ex;
        }
    }

    /** One block: its thread's work and the signal that it has stopped. */
    private static final class Run {

        private final Sinks.Empty<Void> stopped = Sinks.empty();

        private volatile boolean cancelled;

        <T> Mono<T> execute(Callable<? extends @Nullable T> block) {
            return Mono.create(sink -> {
                Scheduler.Worker worker = SCHEDULER.createWorker();
                sink.onCancel(() -> {
                    // Later calls of the block are refused; the one it waits on is interrupted (and so cancelled).
                    this.cancelled = true;
                    worker.dispose();
                });
                worker.schedule(() -> {
                    Thread thread = Thread.currentThread();
                    RUNNING.put(thread, this);
                    try {
                        sink.success(block.call());
                    } catch (Throwable error) {
                        sink.error(error);
                    } finally {
                        RUNNING.remove(thread);
                        Thread.interrupted();
                        this.stopped.tryEmitEmpty();
                        worker.dispose();
                    }
                });
            });
        }

        Mono<Void> stopped() {
            return this.stopped.asMono();
        }
    }
}
