package io.asyncorm.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The benchmark issue's ratio runner: every workload's arms (async-orm, the raw driver on the same pool, Spring
 * Data R2DBC, Hibernate Reactive) run in interleaved rounds ({@value #WARMUPS} warm-up rounds, or {@code -Dwarmup=N},
 * then {@code rounds}, the arm order rotated each round), and every figure is reported as a ratio to the baseline arm measured in the same round:
 * median, min and max over the rounds, absolute figures beside them, and whether each target is met. Prints
 * {@code BENCHMARKS.md}-ready Markdown, and writes it to the file given as {@code -Dout=...}.
 *
 * <pre>
 * java -Dout=BENCHMARKS.md -cp async-orm-benchmarks/target/benchmarks.jar io.asyncorm.benchmarks.RatioRunner \
 *     r2dbc:postgresql://asyncorm:asyncorm@127.0.0.1:5432/asyncorm_test [rounds, 10] [W1,W2,...; all]
 * </pre>
 */
public final class RatioRunner {

    /**
     * Warm-up rounds per workload. The JIT compiler was still busy (a third of all CPU samples) after a dozen rounds
     * of a selectinload loop, in the raw arm as in the ORM arm, and both arms kept speeding up for about 30 rounds:
     * one warm-up round put every median inside compilation. The ORM arm, with more code to compile, converges later:
     * W5a's ratio to raw, in medians of 25 rounds of ten loads ({@code CpuProbe}), was 1.33-1.45x over the first 1,000
     * loads, 1.28-1.30x around 2,000 and 1.22-1.26x after 3,500; with 20 warm-up rounds here (2,000 loads) the runner's
     * W5a medians were 1.30-1.37x, with 60 rounds 1.21-1.22x. Sixty rounds measure what a long-running service sees.
     */
    static final int WARMUPS = 60;

    private RatioRunner() {
    }

    /**
     * Runs the workloads.
     *
     * @param args the R2DBC URL of a PostgreSQL database, then optionally the rounds and a comma-separated list of workloads
     * @throws IOException when the output file cannot be written
     */
    public static void main(String[] args) throws IOException {
        String url = args[0];
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Set<String> only = args.length > 2 ? Set.of(args[2].split(",")) : Set.of();
        Map<String, Supplier<Workload>> workloads = new LinkedHashMap<>();
        workloads.put("W1", () -> Workloads.w1GetByKey(url));
        workloads.put("W2", () -> Workloads.w2IdentityMap(url));
        workloads.put("W3", () -> Workloads.w3Insert(url));
        workloads.put("W5", () -> Workloads.w5Selectin(url, 100));
        workloads.put("W5b", () -> Workloads.w5Selectin(url, 1_000));
        workloads.put("W6", () -> Workloads.w6Update(url));
        workloads.put("W7", () -> Workloads.w7Concurrent(url));
        workloads.put("W8", () -> Workloads.w8WriteTransaction(url));
        workloads.put("W9", () -> WebWorkload.w9(url));

        StringBuilder report = new StringBuilder(String.format("## Run of %s: %d rounds after %d warm-up rounds (W4: one, "
                + "each run a JVM of its own), PostgreSQL on 127.0.0.1, %d cores, Java %s%n", LocalDate.now(), rounds, warmups(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version")));
        report.append("\nCommand: `java -Dout=BENCHMARKS.md -cp async-orm-benchmarks/target/benchmarks.jar io.asyncorm.benchmarks.RatioRunner ")
                .append(String.join(" ", Arrays.stream(args).map(arg -> arg.replaceAll(":[^:@/]*@", ":***@")).toList())).append("`\n");
        for (Map.Entry<String, Supplier<Workload>> entry : workloads.entrySet()) {
            if (only.isEmpty() || only.contains(entry.getKey())) {
                // A command-line driver: it waits for each workload's composed run in turn.
                String section = run(entry.getValue().get(), rounds).block();
                System.out.print(section);
                report.append(section);
            }
        }
        if (only.isEmpty() || only.contains("W4")) {
            String section = StreamWorkload.run(url, rounds, Integer.getInteger("w4.rows", 1_000_000));
            System.out.print(section);
            report.append(section);
        }
        String out = System.getProperty("out");
        if (out != null) {
            Files.writeString(Path.of(out), report.toString());
        }
    }

    static int warmups() {
        return Integer.getInteger("warmup", WARMUPS);
    }

    /** One workload: setup, the interleaved trials, close, then its report section. */
    static Mono<String> run(Workload workload, int rounds) {
        // -Darms=a,b runs only those arms (and the baseline), for profiling one of them.
        String only = System.getProperty("arms");
        List<String> arms = workload.arms().keySet().stream()
                .filter(arm -> only == null || arm.equals(workload.baseline()) || Set.of(only.split(",")).contains(arm)).toList();
        Results results = new Results(arms);
        return workload.setup().get()
                .thenMany(Flux.fromIterable(Trials.interleaved(arms, warmups(), rounds)).concatMap(trial -> workload.arms().get(trial[0]).get()
                        .doOnNext(measure -> {
                            if (Trials.measured(trial)) {
                                results.add(trial[0], measure);
                            }
                        })
                        .then(workload.afterTrial().get())))
                .then(Mono.defer(() -> workload.close().get()))
                .then(Mono.fromCallable(() -> section(workload, results)));
    }

    static String section(Workload workload, Results results) {
        boolean latencies = false;
        for (String arm : results.arms()) {
            latencies |= results.p99Millis(arm).median() > 0;
        }
        StringBuilder out = new StringBuilder(String.format("%n### %s: %s%n%n", workload.id(), workload.title()));
        out.append("| arm | ops/s (median) | time vs ").append(workload.baseline()).append(": median (min - max) |")
                .append(latencies ? " p99 ms (median) | p99 vs baseline |" : "").append('\n');
        out.append(latencies ? "|---|---|---|---|---|\n" : "|---|---|---|\n");
        for (String arm : results.arms()) {
            Results.Spread ratio = results.timeRatio(arm, workload.baseline());
            out.append(String.format("| %s | %,.0f | %.2fx (%.2f - %.2f) |", arm, results.opsPerSecond(arm).median(), ratio.median(),
                    ratio.min(), ratio.max()));
            if (latencies) {
                out.append(String.format(" %.2f | %.2fx |", results.p99Millis(arm).median(), results.p99Ratio(arm, workload.baseline()).median()));
            }
            out.append('\n');
        }
        List<String> lines = new ArrayList<>();
        for (Workload.Target target : workload.targets()) {
            try {
                Workload.Verdict verdict = target.check().apply(results);
                lines.add(String.format("- %s %s: %s", verdict.met() ? "met" : "MISSED", target.description(), verdict.observed()));
            } catch (IllegalArgumentException e) {
                lines.add(String.format("- not checked: %s (%s)", target.description(), e.getMessage()));
            }
        }
        out.append("\nTargets:\n");
        lines.forEach(line -> out.append(line).append('\n'));
        return out.toString();
    }
}
