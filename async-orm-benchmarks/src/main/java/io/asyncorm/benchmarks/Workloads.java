package io.asyncorm.benchmarks;

import static io.asyncorm.orm.Orm.select;
import static io.asyncorm.orm.Orm.selectinload;

import io.asyncorm.orm.AsyncSession;
import io.asyncorm.orm.Attribute;
import io.asyncorm.orm.CollectionAttribute;
import io.asyncorm.orm.ColumnAttribute;
import io.asyncorm.sql.Sql;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import org.springframework.data.relational.core.query.Criteria;
import org.springframework.data.relational.core.query.Query;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The workloads of the benchmark issue (W1-W3, W5-W8; W4 is {@link StreamWorkload}), each with its arms and
 * targets. The operations are package-visible so that the gate tests run exactly what is measured.
 */
final class Workloads {

    static final String RAW = "raw r2dbc-postgresql";

    static final String ORM = "async-orm";

    static final ColumnAttribute<BenchRow, Long> ROW_ID = Attribute.column(BenchRow.class, "id", Long.class);

    static final ColumnAttribute<BenchParent, Long> PARENT_ID = Attribute.column(BenchParent.class, "id", Long.class);

    static final CollectionAttribute<BenchParent, BenchChild> CHILDREN = Attribute.collection(BenchParent.class, "children", BenchChild.class);

    private static final int ROWS = 10_000;

    private Workloads() {
    }

    // ---------------------------------------------------------------- the measured operations

    /** W1: get one row by key in a fresh session. */
    static Mono<BenchRow> ormGet(BenchContext context, long id) {
        return context.maker.use(session -> session.get(BenchRow.class, id)).next();
    }

    /** W1 and W7's Spring arm: the same get with {@code DatabaseClient}, mapped to a record. */
    static Mono<RawOps.RawRow> clientGet(BenchContext context, long id) {
        return context.client.sql("SELECT id, name, score FROM bench_orm WHERE id = :id").bind("id", id).map(RawOps.RawRow::of).one();
    }

    /** W2: {@code count} gets of one key the session holds. */
    static Mono<Long> identityMapHits(AsyncSession session, long id, int count) {
        return Flux.range(0, count).concatMap(i -> session.get(BenchRow.class, id)).count();
    }

    /** W3: add {@code rows} new rows and commit; the keys come back. */
    static Mono<Long> ormInsert(BenchContext context, int rows) {
        return context.maker.use(session -> {
            List<BenchRow> batch = new ArrayList<>(rows);
            for (int i = 0; i < rows; i++) {
                batch.add(new BenchRow("name " + i, i));
            }
            session.addAll(batch);
            return session.commit().then(Mono.fromSupplier(() -> batch.stream().filter(row -> row.getId() != null).count()));
        }).next();
    }

    /** W5: parents with key up to {@code parents}, their children by selectinload. */
    static Mono<List<BenchParent>> ormParents(BenchContext context, int parents) {
        return context.maker.use(session -> session.list(select(BenchParent.class).where(PARENT_ID.column().le((long) parents))
                .orderBy(PARENT_ID.column().asc()).options(selectinload(CHILDREN)))).next();
    }

    /** W6: the first {@code rows} rows by key, in the given session. */
    static Mono<List<BenchRow>> ormFirst(AsyncSession session, int rows) {
        return session.list(select(BenchRow.class).orderBy(ROW_ID.column().asc()).limit(rows));
    }

    /** W8: add one row, get another and change it, commit. */
    static Mono<Long> ormWriteTransaction(BenchContext context, long existing) {
        return context.maker.begin(session -> {
            session.add(new BenchRow("new", 0));
            return session.get(BenchRow.class, existing).doOnNext(row -> row.setScore(row.getScore() + 1));
        }).then(Mono.just(1L));
    }

    // ---------------------------------------------------------------- the workloads

    static Workload w1GetByKey(String url) {
        BenchContext context = new BenchContext(url, 1);
        // 10,000 gets per arm and round (about a second): rounds of 2,000 were decided by a collection or a compilation.
        List<Long> keys = RawOps.keys(10_000, ROWS);
        String template = "Spring Data R2dbcEntityTemplate";
        return new Workload.Builder("W1", "get one row by primary key, a fresh session (or connection) per operation, pool of 1", RAW)
                .setup(() -> context.schema(ROWS, 0))
                .arm(RAW, () -> sequential(keys, id -> context.raw(conn -> RawOps.get(conn, id))))
                .arm(RAW + ", in a transaction (BEGIN, SELECT, ROLLBACK)", () -> sequential(keys, id -> context.raw(conn ->
                        inTransactionRolledBack(conn, RawOps.get(conn, id)))))
                .arm(ORM, () -> sequential(keys, id -> ormGet(context, id)))
                .arm(template, () -> sequential(keys, id -> context.template.selectOne(Query.query(Criteria.where("id").is(id)), BenchRow.class)))
                .arm(CLIENT, () -> sequential(keys, id -> clientGet(context, id)))
                .arm(HIBERNATE, () -> sequential(keys, id -> Mono.fromCompletionStage(() -> context.hibernate()
                        .withSession(session -> session.find(BenchRow.class, id)))))
                .target("async-orm time <= 1.15x raw", r -> atMost(r.timeRatio(ORM, RAW), 1.15))
                .target("async-orm time <= Spring DatabaseClient's", r -> atMost(r.timeRatio(ORM, CLIENT), 1.0))
                .target("async-orm throughput >= 1.15x R2dbcEntityTemplate's", r -> atLeast(inverse(r.timeRatio(ORM, template)), 1.15))
                .build(context::close);
    }

    static Workload w2IdentityMap(String url) {
        BenchContext context = new BenchContext(url, 1);
        int hits = 1_000_000;
        AsyncSession[] session = new AsyncSession[1];
        org.hibernate.reactive.stage.Stage.Session[] hibernate = new org.hibernate.reactive.stage.Stage.Session[1];
        return new Workload.Builder("W2", "get a row the session already holds (identity map), 1,000,000 times on one thread", ORM)
                .setup(() -> context.schema(ROWS, 0).then(Mono.defer(() -> {
                    session[0] = context.maker.create();
                    return session[0].get(BenchRow.class, 1L);
                })).then(onVertx(context, () -> context.hibernate().openSession().thenCompose(s -> {
                    hibernate[0] = s;
                    return s.find(BenchRow.class, 1L);
                }))).then())
                .arm(ORM, () -> Measure.timed(identityMapHits(session[0], 1L, hits)))
                .arm(HIBERNATE + ", open session", () -> Measure.timed(Flux.range(0, hits)
                        .concatMap(i -> Mono.fromCompletionStage(hibernate[0].find(BenchRow.class, 1L))).count()))
                .target(">= 1,000,000 hits/s", r -> new Workload.Verdict(r.opsPerSecond(ORM).median() >= 1_000_000,
                        String.format("%,.0f hits/s", r.opsPerSecond(ORM).median())))
                .build(() -> session[0].close().then(Mono.fromCompletionStage(() -> hibernate[0].close())).then(context.close()));
    }

    static Workload w3Insert(String url) {
        BenchContext context = new BenchContext(url, 1);
        int rows = 10_000;
        String values = RAW + " multi-row VALUES";
        String unnest = RAW + " unnest";
        return new Workload.Builder("W3", "insert 10,000 new rows with their generated keys read back (one transaction)", values)
                .setup(() -> context.schema(0, 0))
                .afterTrial(() -> context.engine.begin(conn -> conn.execute(Sql.text("truncate bench_orm"))).then())
                .arm(values, () -> Measure.timed(context.raw(conn -> inTransaction(conn, RawOps.insertValues(conn, rows)))))
                .arm(unnest, () -> Measure.timed(context.raw(conn -> inTransaction(conn, RawOps.insertUnnest(conn, rows)))))
                .arm(RAW + " COPY (no keys; ceiling)", () -> Measure.timed(context.raw(conn -> inTransaction(conn, RawOps.copyIn(conn, rows)))))
                .arm(RAW + " Statement.add() (floor)", () -> Measure.timed(context.raw(conn -> inTransaction(conn, RawOps.insertAdd(conn, rows)))))
                .arm(ORM + " add + commit", () -> Measure.timed(ormInsert(context, rows)))
                .arm(HIBERNATE + " persist + flush", () -> Measure.timed(Mono.fromCompletionStage(() -> context.hibernate()
                        .withTransaction(session -> {
                            Object[] batch = new Object[rows];
                            for (int i = 0; i < rows; i++) {
                                batch[i] = new BenchRow("name " + i, i);
                            }
                            return session.persist(batch).thenApply(done -> (long) rows);
                        }))))
                .target("async-orm throughput >= 0.75x raw multi-row VALUES", r -> atLeast(inverse(r.timeRatio(ORM + " add + commit", values)), 0.75))
                .target(">= 60,000 rows/s", r -> new Workload.Verdict(r.opsPerSecond(ORM + " add + commit").median() >= 60_000,
                        String.format("%,.0f rows/s", r.opsPerSecond(ORM + " add + commit").median())))
                .target("stretch: >= 0.7x raw unnest", r -> atLeast(inverse(r.timeRatio(ORM + " add + commit", unnest)), 0.7))
                .build(context::close);
    }

    static Workload w5Selectin(String url, int parents) {
        BenchContext context = new BenchContext(url, 1);
        // 10,000 parents per round (half a second or so): rounds of 2,000 were short enough for a collection or a compilation
        // to decide a round, and the spread hid changes of 10%.
        int repeat = Math.max(1, 10_000 / parents);
        String raw = RAW + " two queries";
        return new Workload.Builder(parents == 100 ? "W5a" : "W5b", String.format("load %,d parents and their 10 children each "
                + "(selectinload; parents per second)", parents), raw)
                .setup(() -> context.schema(0, 1_000))
                .arm(raw, () -> Measure.timed(Flux.range(0, repeat).concatMap(i -> context.raw(conn -> RawOps.parentsWithChildren(conn, parents)))
                        .map(List::size).reduce(0L, Long::sum)))
                .arm(ORM + " selectinload", () -> Measure.timed(Flux.range(0, repeat).concatMap(i -> ormParents(context, parents))
                        .map(List::size).reduce(0L, Long::sum)))
                .target("async-orm time <= 1.3x the raw two queries", r -> atMost(r.timeRatio(ORM + " selectinload", raw), 1.3))
                .build(context::close);
    }

    static Workload w6Update(String url) {
        BenchContext context = new BenchContext(url, 1);
        int rows = 1_000;
        String rawUpdate = RAW + ": UPDATE ... FROM unnest only";
        String ormFlush = ORM + ": flush only";
        String rawCycle = RAW + ": SELECT + UPDATE cycle";
        String ormCycle = ORM + ": load, change, commit cycle";
        String hibernateCycle = HIBERNATE + ": load, change, commit cycle";
        return new Workload.Builder("W6", "load 1,000 rows, change one column of each, write the change", rawUpdate)
                .setup(() -> context.schema(ROWS, 0))
                .arm(rawUpdate, () -> context.raw(conn -> inTransaction(conn, RawOps.selectFirst(conn, rows)
                        .flatMap(loaded -> Measure.timed(RawOps.updateScores(conn, loaded))))))
                .arm(ormFlush, () -> context.maker.use(session -> ormFirst(session, rows).flatMap(loaded -> {
                    loaded.forEach(row -> row.setScore(row.getScore() + 1));
                    return Measure.timed(session.flush().thenReturn((long) loaded.size()));
                }).flatMap(measure -> session.commit().thenReturn(measure))).next())
                .arm(rawCycle, () -> Measure.timed(context.raw(conn -> inTransaction(conn, RawOps.selectFirst(conn, rows)
                        .flatMap(loaded -> RawOps.updateScores(conn, loaded))))))
                .arm(ormCycle, () -> Measure.timed(context.maker.use(session -> ormFirst(session, rows).flatMap(loaded -> {
                    loaded.forEach(row -> row.setScore(row.getScore() + 1));
                    return session.commit().thenReturn((long) loaded.size());
                })).next()))
                .arm(hibernateCycle, () -> Measure.timed(Mono.fromCompletionStage(() -> context.hibernate().withTransaction(session -> session
                        .createSelectionQuery("from BenchRow order by id", BenchRow.class).setMaxResults(rows).getResultList()
                        .thenApply(loaded -> {
                            loaded.forEach(row -> row.setScore(row.getScore() + 1));
                            return (long) loaded.size();
                        })))))
                .target("async-orm flush throughput >= 0.6x raw UPDATE ... FROM unnest", r -> atLeast(inverse(r.timeRatio(ormFlush, rawUpdate)), 0.6))
                .target("async-orm whole cycle throughput >= 1.2x Hibernate Reactive's", r -> atLeast(inverse(r.timeRatio(ormCycle,
                        hibernateCycle)), 1.2))
                .build(context::close);
    }

    static Workload w7Concurrent(String url) {
        BenchContext context = new BenchContext(url, 4);
        int ops = 20_000;
        int clients = 64;
        List<Long> keys = RawOps.keys(ops, ROWS);
        return new Workload.Builder("W7", "get by key from 64 concurrent clients through a pool of 4", RAW)
                .setup(() -> context.schema(ROWS, 0))
                .arm(RAW, () -> concurrent(keys, clients, id -> context.raw(conn -> RawOps.get(conn, id))))
                .arm(ORM, () -> concurrent(keys, clients, id -> ormGet(context, id)))
                .arm(CLIENT, () -> concurrent(keys, clients, id -> clientGet(context, id)))
                .target("async-orm throughput >= 0.87x raw", r -> atLeast(inverse(r.timeRatio(ORM, RAW)), 0.87))
                .target("async-orm p99 <= 1.3x raw", r -> atMost(r.p99Ratio(ORM, RAW), 1.3))
                .target("async-orm throughput >= Spring DatabaseClient's", r -> atLeast(inverse(r.timeRatio(ORM, CLIENT)), 1.0))
                .build(context::close);
    }

    static Workload w8WriteTransaction(String url) {
        BenchContext context = new BenchContext(url, 1);
        List<Long> keys = RawOps.keys(1_000, ROWS);
        return new Workload.Builder("W8", "a short write transaction: insert one row, get another and change it, commit", RAW)
                .setup(() -> context.schema(ROWS, 0))
                .arm(RAW, () -> sequential(keys, id -> context.raw(conn -> RawOps.writeTransaction(conn, id))))
                .arm(ORM, () -> sequential(keys, id -> ormWriteTransaction(context, id)))
                .target("async-orm time <= 1.15x raw", r -> atMost(r.timeRatio(ORM, RAW), 1.15))
                .build(context::close);
    }

    static final String HIBERNATE = "Hibernate Reactive";

    /**
     * Hibernate Reactive work started on one of its Vert.x event loops: a session must be made there, and
     * {@code openSession()} makes it on the calling thread when its pool has a connection at hand (else on the event loop
     * the connection arrives on), so opening it from any other thread fails or not by chance.
     */
    private static <T> Mono<T> onVertx(BenchContext context, java.util.function.Supplier<java.util.concurrent.CompletionStage<T>> work) {
        io.vertx.core.Vertx vertx = ((org.hibernate.reactive.common.spi.Implementor) context.hibernate()).getServiceRegistry()
                .getService(org.hibernate.reactive.vertx.VertxInstance.class).getVertx();
        return Mono.create(sink -> vertx.getOrCreateContext().runOnContext(started -> work.get().whenComplete((value, error) -> {
            if (error != null) {
                sink.error(error);
            } else {
                sink.success(value);
            }
        })));
    }

    static final String CLIENT = "Spring DatabaseClient";

    private static <T> Mono<T> inTransaction(io.r2dbc.spi.Connection connection, Mono<T> work) {
        return Mono.from(connection.beginTransaction()).then(work).flatMap(result -> Mono.from(connection.commitTransaction()).thenReturn(result));
    }

    private static <T> Mono<T> inTransactionRolledBack(io.r2dbc.spi.Connection connection, Mono<T> work) {
        return Mono.from(connection.beginTransaction()).then(work).flatMap(result -> Mono.from(connection.rollbackTransaction()).thenReturn(result));
    }

    private static Mono<Measure> sequential(List<Long> keys, Function<Long, Mono<?>> op) {
        return Measure.timed(Flux.fromIterable(keys).concatMap(op).count());
    }

    private static Mono<Measure> concurrent(List<Long> keys, int clients, Function<Long, Mono<?>> op) {
        return Mono.defer(() -> {
            ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
            long started = System.nanoTime();
            return Flux.fromIterable(keys).flatMap(id -> Mono.defer(() -> {
                long opStarted = System.nanoTime();
                return op.apply(id).doOnSuccess(done -> latencies.add(System.nanoTime() - opStarted));
            }), clients).count().map(count -> new Measure(count, System.nanoTime() - started, Measure.p99(new ArrayList<>(latencies))));
        });
    }

    private static Workload.Verdict atMost(Results.Spread ratio, double limit) {
        return new Workload.Verdict(ratio.median() <= limit, String.format("%.2fx", ratio.median()));
    }

    private static Workload.Verdict atLeast(Results.Spread ratio, double limit) {
        return new Workload.Verdict(ratio.median() >= limit, String.format("%.2fx", ratio.median()));
    }

    private static Results.Spread inverse(Results.Spread ratio) {
        return new Results.Spread(1 / ratio.median(), 1 / ratio.max(), 1 / ratio.min());
    }
}
