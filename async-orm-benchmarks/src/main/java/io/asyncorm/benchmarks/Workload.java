package io.asyncorm.benchmarks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * A workload: arms that do the same operation by different means, measured side by side in interleaved rounds,
 * with the targets the issue sets for it.
 *
 * @param id short name (W1, W2, ...)
 * @param title what one operation is
 * @param baseline the arm the others are compared with
 * @param arms trials by arm name, in display order
 * @param setup untimed work before the first trial (tables, data)
 * @param afterTrial untimed work after each trial (a TRUNCATE, say)
 * @param targets what must hold
 * @param close releases the workload's pools
 */
record Workload(String id, String title, String baseline, Map<String, Supplier<Mono<Measure>>> arms, Supplier<Mono<Void>> setup,
        Supplier<Mono<Void>> afterTrial, List<Target> targets, Supplier<Mono<Void>> close) {

    /** A target and how to check it against the results. */
    record Target(String description, Function<Results, Verdict> check) {
    }

    /**
     * Whether a target was met, and the figure that decided it.
     *
     * @param met whether it holds
     * @param observed the figure, for the report
     */
    record Verdict(boolean met, String observed) {
    }

    /** Builds a workload step by step. */
    static final class Builder {

        private final String id;

        private final String title;

        private final String baseline;

        private final Map<String, Supplier<Mono<Measure>>> arms = new LinkedHashMap<>();

        private Supplier<Mono<Void>> setup = Mono::empty;

        private Supplier<Mono<Void>> afterTrial = Mono::empty;

        private final List<Target> targets = new java.util.ArrayList<>();

        Builder(String id, String title, String baseline) {
            this.id = id;
            this.title = title;
            this.baseline = baseline;
        }

        Builder arm(String name, Supplier<Mono<Measure>> trial) {
            this.arms.put(name, trial);
            return this;
        }

        Builder setup(Supplier<Mono<Void>> work) {
            this.setup = work;
            return this;
        }

        Builder afterTrial(Supplier<Mono<Void>> work) {
            this.afterTrial = work;
            return this;
        }

        Builder target(String description, Function<Results, Verdict> check) {
            this.targets.add(new Target(description, check));
            return this;
        }

        Workload build(Supplier<Mono<Void>> close) {
            if (!this.arms.containsKey(this.baseline)) {
                throw new IllegalStateException(this.id + ": the baseline '" + this.baseline + "' is not an arm");
            }
            return new Workload(this.id, this.title, this.baseline, new LinkedHashMap<>(this.arms), this.setup, this.afterTrial,
                    List.copyOf(this.targets), close);
        }
    }
}
