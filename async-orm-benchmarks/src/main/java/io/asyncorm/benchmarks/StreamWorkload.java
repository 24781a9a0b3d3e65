package io.asyncorm.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * W4: streaming a million rows as objects in a JVM with a 64 MiB heap, then a million children with their parents
 * (eager loads). Each run is a {@link StreamProbe} in its own
 * JVM (a heap bound can only be measured per process), arms and consumers interleaved round by round.
 */
final class StreamWorkload {

    private static final Pattern LINE = Pattern.compile("rows=(\\d+) nanos=(\\d+) liveMiB=([\\d.]+)");

    private static final List<String> ARMS = List.of("raw", "async-orm");

    /** Children with their parents: the raw driver reading a join, async-orm streaming with selectinload. */
    private static final List<String> EAGER_ARMS = List.of("raw-join", "async-orm-selectin");

    /** One probe's result. */
    record Run(long rows, long nanos, double liveMiB) {
    }

    private StreamWorkload() {
    }

    /** Starts one probe with {@code -Xmx64m} and reads its result; fails with the probe's output when it fails. */
    static Run probe(String url, String arm, String consumer) {
        List<String> command = List.of(System.getProperty("java.home") + "/bin/java", "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                StreamProbe.class.getName(), url, arm, consumer);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException("the " + arm + " / " + consumer + " stream failed in 64 MiB:\n" + output);
            }
            Matcher matcher = LINE.matcher(output);
            if (!matcher.find()) {
                throw new IllegalStateException("no result line from the probe:\n" + output);
            }
            return new Run(Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2)), Double.parseDouble(matcher.group(3)));
        } catch (IOException e) {
            throw new IllegalStateException("could not start " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Runs the rounds and returns the report section. */
    static String run(String url, int rounds, int rows) {
        BenchContext context = new BenchContext(url, 1);
        // A command-line driver: it waits for the tables to be filled before starting the probes (as many children as rows,
        // ten per parent, for the eager arms).
        context.schema(rows, rows / 10).block();
        StringBuilder out = new StringBuilder(String.format("%n### W4: stream %,d rows as objects in a JVM with -Xmx64m, fetch size 1,000%n%n",
                rows));
        out.append("| consumer | arm | rows/s (median) | time vs raw: median (min - max) | live heap peak, MiB (median, max) |\n");
        out.append("|---|---|---|---|---|\n");
        List<String> verdicts = new ArrayList<>();
        for (String consumer : List.of("fast", "slow", "fast, eager")) {
            List<String> arms = consumer.endsWith("eager") ? EAGER_ARMS : ARMS;
            String base = arms.get(0);
            String orm = arms.get(1);
            Results results = new Results(arms);
            Map<String, List<Double>> live = new LinkedHashMap<>();
            arms.forEach(arm -> live.put(arm, new ArrayList<>()));
            for (String[] trial : Trials.interleaved(arms, 1, rounds)) {
                Run run = probe(url, trial[0], consumer.startsWith("fast") ? "fast" : "slow");
                if (run.rows() != rows) {
                    throw new IllegalStateException(trial[0] + " streamed " + run.rows() + " of " + rows + " rows");
                }
                if (Trials.measured(trial)) {
                    results.add(trial[0], new Measure(run.rows(), run.nanos(), 0));
                    live.get(trial[0]).add(run.liveMiB());
                }
            }
            for (String arm : arms) {
                Results.Spread ratio = results.timeRatio(arm, base);
                Results.Spread heap = Results.Spread.of(live.get(arm));
                out.append(String.format("| %s | %s | %,.0f | %.2fx (%.2f - %.2f) | %.1f, %.1f |%n", consumer, arm,
                        results.opsPerSecond(arm).median(), ratio.median(), ratio.min(), ratio.max(), heap.median(), heap.max()));
            }
            double heapOver = Results.Spread.of(live.get(orm)).max() - Results.Spread.of(live.get(base)).max();
            double speed = 1 / results.timeRatio(orm, base).median();
            verdicts.add(String.format("- %s %s consumer: every run completed in 64 MiB", "met", consumer));
            verdicts.add(String.format("- %s %s consumer: peak live heap <= raw + 16 MiB (%+.1f MiB)", heapOver <= 16 ? "met" : "MISSED",
                    consumer, heapOver));
            verdicts.add(String.format("- %s %s consumer: >= 0.7x raw rows/s (%.2fx)", speed >= 0.7 ? "met" : "MISSED", consumer, speed));
        }
        context.close().block();
        out.append("\nTargets:\n");
        verdicts.forEach(line -> out.append(line).append('\n'));
        return out.toString();
    }
}
