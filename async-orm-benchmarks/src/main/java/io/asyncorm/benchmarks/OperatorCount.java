package io.asyncorm.benchmarks;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Hooks;

/**
 * Counts the Reactor operators some work assembles, with an assembly hook (async-orm's own operators are assembled
 * through {@code Mono.onAssembly} too, so they count): deterministic where time is not, and each one is a subscriber,
 * a subscription and a signal hop per operation. Used by {@code CpuProbe} and the benchmark gates.
 */
final class OperatorCount {

    private OperatorCount() {
    }

    /**
     * Runs the work with the hook installed.
     *
     * @param work the work, run on the calling thread until it is done
     * @param sites where to count each operator by the innermost async-orm frame that assembled it and its type; null for
     *     none (taking a stack per operator is slow)
     * @return the operators assembled meanwhile
     */
    static long during(Runnable work, @Nullable Map<String, Integer> sites) {
        LongAdder assembled = new LongAdder();
        Hooks.onEachOperator("operator-count", publisher -> {
            assembled.increment();
            if (sites != null) {
                sites.merge(site() + " " + publisher.getClass().getSimpleName(), 1, Integer::sum);
            }
            return publisher;
        });
        try {
            work.run();
        } finally {
            Hooks.resetOnEachOperator("operator-count");
        }
        return assembled.sum();
    }

    private static String site() {
        return Arrays.stream(new Throwable().getStackTrace())
                .filter(frame -> frame.getClassName().startsWith("io.asyncorm") && !frame.getClassName().startsWith("io.asyncorm.benchmarks")
                        && !frame.getClassName().equals("io.asyncorm.internal.Steps"))
                .findFirst().map(frame -> frame.getClassName().substring(frame.getClassName().lastIndexOf('.') + 1) + "."
                        + frame.getMethodName() + ":" + frame.getLineNumber()).orElse("(outside)");
    }
}
