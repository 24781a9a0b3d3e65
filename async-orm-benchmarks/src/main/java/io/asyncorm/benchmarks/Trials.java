package io.asyncorm.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/** The interleaving and statistics the ratio runners share: arms rotated each round, medians. */
final class Trials {

    private Trials() {
    }

    /**
     * The trials in run order: {@code warmups} warm-up rounds (numbered below 0), then {@code rounds} rounds, each with
     * every arm, the arm order rotated from round to round.
     *
     * @param arms the arm names
     * @param warmups the rounds run first and not measured
     * @param rounds the measured rounds
     * @return pairs of arm name and round number
     */
    static List<String[]> interleaved(Collection<String> arms, int warmups, int rounds) {
        List<String> order = new ArrayList<>(arms);
        List<String[]> trials = new ArrayList<>();
        for (int round = -warmups; round < rounds; round++) {
            Collections.rotate(order, 1);
            for (String arm : order) {
                trials.add(new String[] {arm, Integer.toString(round)});
            }
        }
        return trials;
    }

    /**
     * Whether a trial counts (not the warm-up).
     *
     * @param trial a trial from {@link #interleaved}
     * @return whether it is measured
     */
    static boolean measured(String[] trial) {
        return Integer.parseInt(trial[1]) >= 0;
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
