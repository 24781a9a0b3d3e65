package io.asyncorm.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import com.sun.management.ThreadMXBean;
import io.asyncorm.engine.ExecutionOptions;
import io.asyncorm.orm.AsyncSession;
import io.asyncorm.sql.Sql;
import io.asyncorm.sql.TextClause;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What arms of a workload cost the client per operation, in a JVM of their own after warm-up: process CPU time (every
 * thread: event loops, JIT compiler, collector), bytes allocated (every thread) and minor page faults. Several arms
 * (comma-separated) run in alternate rounds and are compared round by round: wall and CPU time on this machine drift by
 * a fifth within minutes, a ratio of neighbouring rounds much less. It creates and drops the benchmark tables, like the
 * runner: never run it beside another run on the same database.
 *
 * <pre>
 * java [-Xms1g -Xmx1g -XX:+AlwaysPreTouch] -cp async-orm-benchmarks/target/benchmarks.jar io.asyncorm.benchmarks.CpuProbe \
 *     r2dbc:postgresql://asyncorm:asyncorm@127.0.0.1:5432/asyncorm_test W1|W7|W8|W5a|W5b raw|async-orm|own-pool|core|client[,...] [rounds, 20] [warm-up rounds, 20]
 * </pre>
 *
 * W1 and W7 make 10,000 gets per round (W7: 64 at a time through a pool of 4), W8 1,000 write transactions, W5a and W5b
 * ten loads of 100 or 1,000 parents. For W1 and W7 only: {@code client} is Spring's {@code DatabaseClient};
 * {@code own-pool} the ORM get through an engine that pools the driver itself (as {@code AsyncEngine.create(url)} and
 * the starter do, with the pool timeout on each checkout) instead of the shared pool; {@code core} the same SELECT
 * through {@code engine.connect} and {@code execute} (BEGIN, SELECT and the close's ROLLBACK: a Core statement never
 * defers its BEGIN). For W1 only, the layers of the ORM get, each arm one layer more than the one before it:
 * {@code checkout} (a pool checkout and release, nothing run), {@code engine-checkout} ({@code engine.connect}, nothing
 * run), {@code core-read} (the SELECT through {@code engine.connect} as a pure read: no BEGIN, as the ORM's get),
 * {@code session-open} (a session made and closed through the maker, nothing run), {@code session-checkout} (the
 * session's connection checked out and released at close, nothing run). For W8 only, its parts, each beside the raw
 * driver's: {@code core} (the same three statements through {@code engine.begin}), {@code raw-begin-commit},
 * {@code core-begin-commit} and {@code begin-commit} (a transaction with nothing in it: raw, {@code engine.begin},
 * {@code maker.begin} with the session's connection checked out), {@code raw-insert}, {@code core-insert} and
 * {@code add-flush} (the INSERT alone in its transaction), {@code raw-get-change} and {@code get-change} (the get and
 * the UPDATE of the changed attribute). After the rounds each arm prints the operators it assembles per operation
 * (with {@code -Dprobe.sites=true}, where).
 */
public final class CpuProbe {

    private CpuProbe() {
    }

    /**
     * Runs the arms and prints one line per arm: median milliseconds per round, then per operation wall and CPU
     * microseconds (medians of the rounds), bytes and minor page faults (over all rounds); with several arms, then the
     * median per round of each arm's wall and CPU time over the first arm's.
     *
     * @param args the R2DBC URL, the workload, the arms, then optionally the measured and the warm-up rounds
     * @throws IOException when {@code /proc/self/stat} cannot be read (the page faults; Linux only)
     */
    public static void main(String[] args) throws IOException {
        String workload = args[1];
        List<String> arms = List.of(args[2].split(","));
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        int warmups = args.length > 4 ? Integer.parseInt(args[4]) : 20;
        boolean concurrent = workload.equals("W7");
        BenchContext context = new BenchContext(args[0], concurrent ? 4 : 1);
        boolean selectin = workload.startsWith("W5");
        context.schema(10_000, selectin ? 1_000 : 0).block();
        int parents = workload.equals("W5a") ? 100 : 1_000;
        List<Long> keys = RawOps.keys(workload.equals("W8") ? 1_000 : selectin ? 10 : 10_000, 10_000);
        List<Mono<Long>> round = arms.stream().map(arm -> {
            Function<Long, Mono<?>> operation = operation(context, workload, arm, parents);
            return concurrent ? Flux.fromIterable(keys).flatMap(operation, 64).count() : Flux.fromIterable(keys).concatMap(operation).count();
        }).toList();
        for (int i = 0; i < warmups; i++) {
            round.forEach(Mono::block);
        }
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        int n = arms.size();
        double[][] wall = new double[n][rounds];
        double[][] cpu = new double[n][rounds];
        long[] bytes = new long[n];
        long[] faults = new long[n];
        long[] ops = new long[n];
        for (int i = 0; i < rounds; i++) {
            for (int a = 0; a < n; a++) {
                long faultsBefore = minorFaults();
                long cpuBefore = os.getProcessCpuTime();
                long bytesBefore = allocated();
                long started = System.nanoTime();
                long done = round.get(a).block();
                wall[a][i] = (System.nanoTime() - started) / 1e3 / done;
                cpu[a][i] = (os.getProcessCpuTime() - cpuBefore) / 1e3 / done;
                bytes[a] += allocated() - bytesBefore;
                faults[a] += minorFaults() - faultsBefore;
                ops[a] += done;
            }
        }
        for (int a = 0; a < n; a++) {
            System.out.printf("%s %s: %.1f ms/round; per operation: %.1f us wall, %.1f us CPU, %,d bytes, %.1f minor faults%n", workload,
                    arms.get(a), median(wall[a]) * ops[a] / rounds / 1e3, median(wall[a]), median(cpu[a]), bytes[a] / ops[a],
                    (double) faults[a] / ops[a]);
        }
        for (int a = 1; a < n; a++) {
            System.out.printf("%s %s over %s, median per round: %.3fx wall, %.3fx CPU%n", workload, arms.get(a), arms.get(0),
                    medianRatio(wall[a], wall[0]), medianRatio(cpu[a], cpu[0]));
        }
        for (int a = 0; a < n; a++) {
            operators(workload, arms.get(a), round.get(a));
        }
        context.close().block();
    }

    /**
     * Prints the operators one round of an arm assembles per operation, counted with a Reactor assembly hook; with
     * {@code -Dprobe.sites=true} also where they are assembled (the innermost async-orm frame) and their types.
     */
    private static void operators(String workload, String arm, Mono<Long> round) {
        Map<String, Integer> sites = Boolean.getBoolean("probe.sites") ? new java.util.concurrent.ConcurrentHashMap<>() : null;
        long[] done = new long[1];
        long assembled = OperatorCount.during(() -> done[0] = round.block(), sites);
        System.out.printf("%s %s: %.1f operators assembled per operation%n", workload, arm, assembled / (double) done[0]);
        if (sites != null) {
            sites.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                    .forEach(entry -> System.out.printf("    %6.2f %s%n", entry.getValue() / (double) done[0], entry.getKey()));
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static double medianRatio(double[] values, double[] over) {
        double[] ratios = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            ratios[i] = values[i] / over[i];
        }
        return median(ratios);
    }

    private static final TextClause CORE_GET = Sql.text("SELECT id, name, score FROM bench_orm WHERE id = :id");

    private static final TextClause CORE_INSERT = Sql.text("INSERT INTO bench_orm (name, score) VALUES (:name, :score) RETURNING id");

    private static final TextClause CORE_UPDATE = Sql.text("UPDATE bench_orm SET score = :score WHERE id = :id");

    private static final ExecutionOptions PURE_READ = ExecutionOptions.builder().pureRead(true).build();

    private static Function<Long, Mono<?>> operation(BenchContext context, String workload, String arm, int parents) {
        return switch (workload + " " + arm) {
            case "W1 raw", "W7 raw" -> id -> context.raw(conn -> RawOps.get(conn, id));
            case "W1 async-orm", "W7 async-orm" -> id -> Workloads.ormGet(context, id);
            case "W1 own-pool", "W7 own-pool" -> id -> context.ownPoolMaker().use(session -> session.get(BenchRow.class, id)).next();
            case "W1 core", "W7 core" -> id -> context.engine.connect(conn -> conn.execute(CORE_GET, Map.of("id", id))).next();
            case "W1 client", "W7 client" -> id -> Workloads.clientGet(context, id);
            case "W1 checkout" -> id -> context.raw(conn -> Mono.just(id));
            case "W1 engine-checkout" -> id -> context.engine.connect(conn -> Mono.just(id)).next();
            case "W1 core-read" -> id -> context.engine.connect(conn -> conn.execute(CORE_GET, List.of(Map.of("id", id)), PURE_READ)).next();
            case "W1 session-open" -> id -> context.maker.use(session -> Mono.just(id)).next();
            case "W1 session-checkout" -> id -> context.maker.use(AsyncSession::connection).next();
            case "W8 raw" -> id -> context.raw(conn -> RawOps.writeTransaction(conn, id));
            case "W8 async-orm" -> id -> Workloads.ormWriteTransaction(context, id);
            case "W8 core" -> id -> context.engine.begin(conn -> conn.execute(CORE_INSERT, Map.of("name", "new", "score", 0))
                    .then(conn.execute(CORE_GET, Map.of("id", id)))
                    .flatMap(result -> conn.execute(CORE_UPDATE, Map.of("score", (Integer) result.one().get(2) + 1, "id", id)))).then(Mono.just(1L));
            case "W8 raw-begin-commit" -> id -> context.raw(conn -> Mono.from(conn.beginTransaction()).then(Mono.from(conn.commitTransaction())).thenReturn(id));
            case "W8 core-begin-commit" -> id -> context.engine.begin(conn -> Mono.just(id)).next();
            case "W8 core-insert" -> id -> context.engine.begin(conn -> conn.execute(CORE_INSERT, Map.of("name", "new", "score", 0))).next();
            case "W8 begin-commit" -> id -> context.maker.begin(AsyncSession::connection).then(Mono.just(1L));
            case "W8 raw-insert" -> id -> context.raw(conn -> Mono.from(conn.beginTransaction())
                    .then(RawOps.count(conn.createStatement("INSERT INTO bench_orm (name, score) VALUES ($1, $2) RETURNING id").bind(0, "new").bind(1, 0)))
                    .then(Mono.from(conn.commitTransaction())).thenReturn(id));
            case "W8 add-flush" -> id -> context.maker.begin(session -> {
                session.add(new BenchRow("new", 0));
                return Mono.empty();
            }).then(Mono.just(1L));
            case "W8 raw-get-change" -> id -> context.raw(conn -> Mono.from(conn.beginTransaction())
                    .then(RawOps.get(conn, id))
                    .flatMap(row -> RawOps.updated(conn.createStatement("UPDATE bench_orm SET score = $1 WHERE id = $2").bind(0, row.score() + 1).bind(1, row.id())))
                    .then(Mono.from(conn.commitTransaction())).thenReturn(id));
            case "W8 get-change" -> id -> context.maker.begin(session -> session.get(BenchRow.class, id)
                    .doOnNext(row -> row.setScore(row.getScore() + 1))).then(Mono.just(1L));
            case "W5a raw", "W5b raw" -> id -> context.raw(conn -> RawOps.parentsWithChildren(conn, parents));
            case "W5a async-orm", "W5b async-orm" -> id -> Workloads.ormParents(context, parents);
            default -> throw new IllegalArgumentException("no arm '" + arm + "' for " + workload
                    + ": W1|W7 raw|async-orm|own-pool|core|client, W1 checkout|engine-checkout|core-read|session-open|session-checkout, "
                    + "W8 core|raw-begin-commit|begin-commit|raw-insert|add-flush|raw-get-change|get-change, W8|W5a|W5b raw|async-orm");
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
