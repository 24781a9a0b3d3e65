package io.asyncorm.benchmarks;

import static io.asyncorm.orm.Orm.select;

import io.asyncorm.engine.EngineOptions;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One W4 run, in its own JVM (the runner starts it with {@code -Xmx64m}): streams every row of {@code bench_orm}
 * as objects, raw or as async-orm entities, to a fast or a slow consumer, and prints one line: rows, nanoseconds
 * and the peak of the heap that was live after a collection (sampled every 10,000 rows).
 *
 * <pre>
 * java -Xmx64m -cp benchmarks.jar io.asyncorm.benchmarks.StreamProbe URL raw|async-orm fast|slow
 * </pre>
 */
public final class StreamProbe {

    private static final int FETCH_SIZE = 1_000;

    private static long peakLive;

    private StreamProbe() {
    }

    /**
     * Runs one stream.
     *
     * @param args the R2DBC URL, the arm ({@code raw} or {@code async-orm}) and the consumer ({@code fast} or {@code slow})
     */
    public static void main(String[] args) {
        BenchContext context = new BenchContext(args[0], 1, EngineOptions.builder().fetchSize(FETCH_SIZE).build());
        boolean slow = args[2].equals("slow");
        Flux<Object> rows = args[1].equals("raw")
                ? Flux.usingWhen(context.pool.create(), conn -> Flux.from(conn.createStatement("SELECT id, name, score FROM bench_orm")
                        .fetchSize(FETCH_SIZE).execute()).concatMap(result -> result.map(RawOps.RawRow::of)).cast(Object.class),
                        io.r2dbc.spi.Connection::close)
                : context.maker.use(session -> session.<BenchRow>streamScalars(select(BenchRow.class)).flatMapMany(result -> result.rows())
                        .doOnNext(session::expunge).cast(Object.class));
        long started = System.nanoTime();
        Mono<Long> count = rows.index().doOnNext(indexed -> {
            if (slow) {
                consumeSlowly(indexed.getT2());
            }
            if (indexed.getT1() % 10_000 == 0) {
                sampleLiveHeap();
            }
        }).count();
        // A command-line probe: the one place it waits is here, for the whole stream.
        long total = count.block();
        long nanos = System.nanoTime() - started;
        sampleLiveHeap();
        System.out.printf("rows=%d nanos=%d liveMiB=%.1f%n", total, nanos, peakLive / 1048576.0);
        context.pool.disposeLater().block();
    }

    /** About four microseconds of work per row, on the thread that delivers it. */
    private static void consumeSlowly(Object row) {
        long until = System.nanoTime() + 4_000;
        int hash = row.hashCode();
        while (System.nanoTime() < until) {
            hash = hash * 31 + 1;
        }
        if (hash == 42) {
            System.out.print("");
        }
    }

    private static void sampleLiveHeap() {
        long live = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage afterGc = pool.getType() == MemoryType.HEAP ? pool.getCollectionUsage() : null;
            if (afterGc != null) {
                live += afterGc.getUsed();
            }
        }
        peakLive = Math.max(peakLive, live);
    }
}
