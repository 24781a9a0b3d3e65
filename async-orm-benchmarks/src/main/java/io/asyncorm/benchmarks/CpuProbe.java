package io.asyncorm.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import com.sun.management.ThreadMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What one arm of a workload costs the client per operation, in a JVM of its own after warm-up: process CPU time
 * (every thread: event loops, JIT compiler, collector), bytes allocated (every thread) and minor page faults. Wall time
 * on this machine moves by a fifth between runs; CPU time and bytes move by a few percent, so a change is judged here
 * and the ratio runner confirms the direction. It creates and drops the benchmark tables, like the runner: never run
 * it beside another run on the same database.
 *
 * <pre>
 * java [-Xms1g -Xmx1g -XX:+AlwaysPreTouch] -cp async-orm-benchmarks/target/benchmarks.jar io.asyncorm.benchmarks.CpuProbe \
 *     r2dbc:postgresql://asyncorm:asyncorm@127.0.0.1:5432/asyncorm_test W1|W7|W8|W5a|W5b raw|async-orm|client [rounds, 20] [warm-up rounds, 20]
 * </pre>
 *
 * W1 and W7 make 10,000 gets per round (W7: 64 at a time through a pool of 4), W8 1,000 write transactions, W5a and W5b
 * ten loads of 100 or 1,000 parents; the {@code client} arm (Spring's {@code DatabaseClient}) exists for W1 and W7.
 */
public final class CpuProbe {

    private CpuProbe() {
    }

    /**
     * Runs one arm and prints one line: milliseconds per round, then per operation wall and CPU microseconds, bytes and
     * minor page faults.
     *
     * @param args the R2DBC URL, the workload, the arm, then optionally the measured and the warm-up rounds
     * @throws IOException when {@code /proc/self/stat} cannot be read (the page faults; Linux only)
     */
    public static void main(String[] args) throws IOException {
        String workload = args[1];
        String arm = args[2];
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        int warmups = args.length > 4 ? Integer.parseInt(args[4]) : 20;
        boolean concurrent = workload.equals("W7");
        BenchContext context = new BenchContext(args[0], concurrent ? 4 : 1);
        boolean selectin = workload.startsWith("W5");
        context.schema(10_000, selectin ? 1_000 : 0).block();
        int parents = workload.equals("W5a") ? 100 : 1_000;
        List<Long> keys = RawOps.keys(workload.equals("W8") ? 1_000 : selectin ? 10 : 10_000, 10_000);
        Function<Long, Mono<?>> operation = operation(context, workload, arm, parents);
        Mono<Long> round = concurrent ? Flux.fromIterable(keys).flatMap(operation, 64).count()
                : Flux.fromIterable(keys).concatMap(operation).count();
        for (int i = 0; i < warmups; i++) {
            round.block();
        }
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long faults = minorFaults();
        long cpu = os.getProcessCpuTime();
        long bytes = allocated();
        long started = System.nanoTime();
        long ops = 0;
        for (int i = 0; i < rounds; i++) {
            ops += round.block();
        }
        long wall = System.nanoTime() - started;
        cpu = os.getProcessCpuTime() - cpu;
        bytes = allocated() - bytes;
        faults = minorFaults() - faults;
        System.out.printf("%s %s: %.1f ms/round; per operation: %.1f us wall, %.1f us CPU, %,d bytes, %.1f minor faults%n", workload, arm,
                wall / 1e6 / rounds, wall / 1e3 / ops, cpu / 1e3 / ops, bytes / ops, (double) faults / ops);
        context.close().block();
    }

    private static Function<Long, Mono<?>> operation(BenchContext context, String workload, String arm, int parents) {
        return switch (workload + " " + arm) {
            case "W1 raw", "W7 raw" -> id -> context.raw(conn -> RawOps.get(conn, id));
            case "W1 async-orm", "W7 async-orm" -> id -> Workloads.ormGet(context, id);
            case "W1 client", "W7 client" -> id -> Workloads.clientGet(context, id);
            case "W8 raw" -> id -> context.raw(conn -> RawOps.writeTransaction(conn, id));
            case "W8 async-orm" -> id -> Workloads.ormWriteTransaction(context, id);
            case "W5a raw", "W5b raw" -> id -> context.raw(conn -> RawOps.parentsWithChildren(conn, parents));
            case "W5a async-orm", "W5b async-orm" -> id -> Workloads.ormParents(context, parents);
            default -> throw new IllegalArgumentException("no arm '" + arm + "' for " + workload
                    + ": W1|W7 raw|async-orm|client, W8|W5a|W5b raw|async-orm");
        };
    }

    /** Bytes allocated so far by every live thread. */
    private static long allocated() {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long total = 0;
        for (long bytes : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
            total += Math.max(0, bytes);
        }
        return total;
    }

    /** The process's minor page faults so far (field 10 of {@code /proc/self/stat}). */
    private static long minorFaults() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[7]);
    }
}
