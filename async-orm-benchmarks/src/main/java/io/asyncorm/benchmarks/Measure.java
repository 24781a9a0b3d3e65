package io.asyncorm.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * What one trial of one arm did: how many operations, how long the measured part took, and (for concurrent
 * workloads) the 99th percentile of the operations' latencies.
 *
 * @param ops operations (or rows) done
 * @param nanos time of the measured part
 * @param p99Nanos the 99th percentile latency of one operation, 0 when not measured
 */
record Measure(long ops, long nanos, long p99Nanos) {

    /** Times the whole work, which emits the number of operations it did. */
    static Mono<Measure> timed(Mono<Long> work) {
        return Mono.defer(() -> {
            long started = System.nanoTime();
            return work.map(ops -> new Measure(ops, System.nanoTime() - started, 0));
        });
    }

    /** Nanoseconds per operation. */
    double nanosPerOp() {
        return (double) this.nanos / this.ops;
    }

    /** Operations per second. */
    double opsPerSecond() {
        return this.ops / (this.nanos / 1e9);
    }

    /** The 99th percentile of latencies in nanoseconds (sorted in place). */
    static long p99(List<Long> latencies) {
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        return sorted.get(Math.max(0, (int) Math.ceil(0.99 * sorted.size()) - 1));
    }
}
