package io.asyncorm.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** The measures of one workload's run, by arm and round, and the ratios between arms computed round by round. */
final class Results {

    /** Median, minimum and maximum of a figure over the rounds. */
    record Spread(double median, double min, double max) {

        static Spread of(List<Double> values) {
            List<Double> sorted = new ArrayList<>(values);
            Collections.sort(sorted);
            int n = sorted.size();
            double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
            return new Spread(median, sorted.get(0), sorted.get(n - 1));
        }
    }

    private final Map<String, List<Measure>> byArm = new LinkedHashMap<>();

    Results(Iterable<String> arms) {
        arms.forEach(arm -> this.byArm.put(arm, new ArrayList<>()));
    }

    void add(String arm, Measure measure) {
        this.byArm.get(arm).add(measure);
    }

    Iterable<String> arms() {
        return this.byArm.keySet();
    }

    /** Operations per second of an arm over the rounds. */
    Spread opsPerSecond(String arm) {
        return spread(arm, Measure::opsPerSecond);
    }

    /** Time per operation of {@code arm} divided by that of {@code other}, round by round (below 1: arm is faster). */
    Spread timeRatio(String arm, String other) {
        return ratio(arm, other, Measure::nanosPerOp);
    }

    /** 99th percentile latency of {@code arm} divided by that of {@code other}, round by round. */
    Spread p99Ratio(String arm, String other) {
        return ratio(arm, other, measure -> measure.p99Nanos());
    }

    /** The 99th percentile latency of an arm in milliseconds, over the rounds. */
    Spread p99Millis(String arm) {
        return spread(arm, measure -> measure.p99Nanos() / 1e6);
    }

    private Spread spread(String arm, ToDoubleFunction<Measure> figure) {
        return Spread.of(this.byArm.get(arm).stream().map(figure::applyAsDouble).toList());
    }

    private Spread ratio(String arm, String other, ToDoubleFunction<Measure> figure) {
        List<Measure> a = this.byArm.get(arm);
        List<Measure> b = this.byArm.get(other);
        if (a == null || b == null) {
            throw new IllegalArgumentException("arm not run: " + (a == null ? arm : other));
        }
        List<Double> ratios = new ArrayList<>();
        for (int round = 0; round < a.size(); round++) {
            ratios.add(figure.applyAsDouble(a.get(round)) / figure.applyAsDouble(b.get(round)));
        }
        return Spread.of(ratios);
    }
}
