package io.asyncorm.benchmarks;

import static io.asyncorm.orm.Orm.select;
import static io.asyncorm.orm.Orm.selectinload;

import io.asyncorm.engine.EngineOptions;
import io.asyncorm.orm.Attribute;
import io.asyncorm.orm.ReferenceAttribute;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One W4 run, in its own JVM (the runner starts it with {@code -Xmx64m}): streams every row of {@code bench_orm}
 * as objects, raw or as async-orm entities, to a fast or a slow consumer, and prints one line: rows, nanoseconds
 * and the peak of the heap that was live after a collection (sampled every 10,000 rows). The eager arms stream every
 * row of {@code bench_child} with its parent: the raw driver reads a join, async-orm loads the parents of each batch
 * with selectinload.
 *
 * <pre>
 * java -Xmx64m -cp benchmarks.jar io.asyncorm.benchmarks.StreamProbe URL raw|async-orm|raw-join|async-orm-selectin fast|slow
 * </pre>
 */
public final class StreamProbe {

    private static final int FETCH_SIZE = 1_000;

    private static final ReferenceAttribute<BenchChild, BenchParent> PARENT = Attribute.reference(BenchChild.class, "parent", BenchParent.class);

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
        Flux<Object> rows = switch (args[1]) {
            case "raw" -> raw(context, "SELECT id, name, score FROM bench_orm", RawOps.RawRow::of);
            case "raw-join" -> raw(context, "SELECT c.id, c.name, p.id, p.name FROM bench_child c JOIN bench_parent p ON p.id = c.parent_id",
                    row -> new RawChild(row.get(0, Long.class), row.get(1, String.class), new RawParent(row.get(2, Long.class), row.get(3, String.class))));
            case "async-orm" -> context.maker.use(session -> session.<BenchRow>streamScalars(select(BenchRow.class)).flatMapMany(result -> result.rows())
                    .doOnNext(session::expunge).cast(Object.class));
            case "async-orm-selectin" -> context.maker.use(session -> session.<BenchChild>streamScalars(select(BenchChild.class)
                            .options(selectinload(PARENT)))
                    .flatMapMany(result -> result.rows())
                    .doOnNext(child -> {
                        // Each batch's parents load with it; without the expunges the session would keep every object.
                        session.expunge(child);
                        if (session.contains(child.getParent())) {
                            session.expunge(child.getParent());
                        }
                    })
                    .cast(Object.class));
            default -> throw new IllegalArgumentException("unknown arm " + args[1]);
        };
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

    /** The raw driver's stream of a query, one object per row. */
    private static Flux<Object> raw(BenchContext context, String sql, java.util.function.Function<io.r2dbc.spi.Readable, Object> map) {
        return Flux.usingWhen(context.pool.create(), conn -> Flux.from(conn.createStatement(sql).fetchSize(FETCH_SIZE).execute())
                .concatMap(result -> result.map(map::apply)), io.r2dbc.spi.Connection::close);
    }

    /** A child row with its parent, as the raw join arm builds it. */
    private record RawChild(Long id, String name, RawParent parent) {
    }

    /** A parent row. */
    private record RawParent(Long id, String name) {
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
