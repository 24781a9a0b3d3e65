package io.asyncorm.benchmarks;

import io.asyncorm.engine.AsyncEngine;
import io.asyncorm.engine.EngineOptions;
import io.asyncorm.orm.AsyncSessionMaker;
import io.asyncorm.orm.Orm;
import io.asyncorm.orm.Registry;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Ratio runner for the unit of work (issue 4's figures), PostgreSQL: a session flushing 10,000 new
 * entities with generated keys, against raw {@code INSERT ... SELECT FROM unnest ... RETURNING id} on the
 * same pool; and loading 1,000 entities, changing one column and flushing, against a raw SELECT plus
 * {@code UPDATE ... FROM unnest}. Arms interleaved in rounds; median rows/s, min-max, time ratio to raw.
 *
 * <pre>
 * java -cp async-orm-benchmarks/target/benchmarks.jar io.asyncorm.benchmarks.FlushHarness \
 *     r2dbc:postgresql://asyncorm:asyncorm@127.0.0.1:5432/asyncorm_test [rows] [rounds]
 * </pre>
 */
public final class FlushHarness {

    private FlushHarness() {
    }

    /**
     * Runs the harness.
     *
     * @param args R2DBC URL of a PostgreSQL database, then optionally rows (10,000) and rounds (7)
     */
    public static void main(String[] args) {
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 7;
        int updated = Math.min(1000, rows);
        AsyncEngine engine = AsyncEngine.create(args[0], EngineOptions.builder().poolSize(1).maxOverflow(0).build());
        Registry registry = Registry.of(BenchRow.class);
        AsyncSessionMaker maker = AsyncSessionMaker.builder(engine, registry).expireOnCommit(false).build();

        Map<String, Supplier<Mono<Long>>> arms = new LinkedHashMap<>();
        arms.put("insert: raw unnest RETURNING", () -> engine.begin(conn -> conn.getRawConnection().flatMap(raw -> rawInsert(raw, rows)))
                .single());
        arms.put("insert: raw multi-row VALUES RETURNING", () -> engine.begin(conn -> conn.getRawConnection()
                .flatMap(raw -> rawValues(raw, rows))).single());
        arms.put("insert: async-orm add + commit", () -> maker.use(session -> {
            List<BenchRow> batch = new ArrayList<>(rows);
            for (int i = 0; i < rows; i++) {
                batch.add(new BenchRow("name " + i, i));
            }
            session.addAll(batch);
            return session.commit().then(Mono.fromSupplier(() -> batch.stream().filter(r -> r.getId() != null).count()));
        }).single());
        arms.put("update: raw SELECT + UPDATE FROM unnest", () -> engine.begin(conn -> conn.getRawConnection()
                .flatMap(raw -> rawUpdate(raw, updated))).single());
        arms.put("update: async-orm load, change, commit", () -> maker.use(session -> session.list(Orm.select(BenchRow.class)
                        .orderBy(io.asyncorm.orm.Attribute.column(BenchRow.class, "id", Long.class).asc()).limit(updated))
                .flatMap(loaded -> {
                    loaded.forEach(row -> row.setScore(row.getScore() + 1));
                    return session.commit().thenReturn((long) loaded.size());
                })).single());

        List<String[]> trials = Trials.interleaved(arms.keySet(), rounds);
        Map<String, List<Double>> rates = new LinkedHashMap<>();
        arms.keySet().forEach(arm -> rates.put(arm, new ArrayList<>()));
        Mono<String> report = engine.begin(conn -> registry.metadata().dropAll(conn).then(registry.metadata().createAll(conn))
                        .then(conn.getRawConnection().flatMap(raw -> rawInsert(raw, rows))))
                .thenMany(Flux.fromIterable(trials).concatMap(trial -> Mono.defer(() -> {
                    long started = System.nanoTime();
                    return arms.get(trial[0]).get().doOnNext(count -> {
                        double seconds = (System.nanoTime() - started) / 1e9;
                        if (Trials.measured(trial)) {
                            rates.get(trial[0]).add(count / seconds);
                        }
                    });
                })))
                .then(engine.begin(conn -> registry.metadata().dropAll(conn)).then())
                .then(engine.dispose())
                .then(Mono.fromCallable(() -> table(rows, updated, rounds, rates)));
        // A command-line driver: the one place it waits is here, for the whole composed run.
        System.out.print(report.block());
    }

    private static Mono<Long> count(Statement statement) {
        return Flux.from(statement.execute()).concatMap(result -> result.map((row, meta) -> 1L)).count();
    }

    private static Mono<Long> rawInsert(Connection raw, int rows) {
        String[] names = new String[rows];
        Integer[] scores = new Integer[rows];
        for (int i = 0; i < rows; i++) {
            names[i] = "name " + i;
            scores[i] = i;
        }
        return count(raw.createStatement("INSERT INTO bench_orm (name, score) SELECT * FROM unnest($1::varchar(100)[], "
                + "$2::integer[]) RETURNING id").bind(0, names).bind(1, scores));
    }

    private static Mono<Long> rawValues(Connection raw, int rows) {
        int page = 1000;
        return Flux.range(0, (rows + page - 1) / page).concatMap(p -> {
            int size = Math.min(page, rows - p * page);
            StringBuilder sql = new StringBuilder("INSERT INTO bench_orm (name, score) VALUES ");
            for (int i = 0; i < size; i++) {
                sql.append(i == 0 ? "(" : ", (").append('$').append(2 * i + 1).append(", $").append(2 * i + 2).append(')');
            }
            Statement statement = raw.createStatement(sql.append(" RETURNING id").toString());
            for (int i = 0; i < size; i++) {
                statement.bind(2 * i, "name " + i).bind(2 * i + 1, i);
            }
            return count(statement);
        }).reduce(0L, Long::sum);
    }

    private static Mono<Long> rawUpdate(Connection raw, int rows) {
        return Flux.from(raw.createStatement("SELECT id, name, score FROM bench_orm ORDER BY id LIMIT $1").bind(0, rows).execute())
                .concatMap(result -> result.map((row, meta) -> new Object[] {row.get(0, Long.class), row.get(2, Integer.class)}))
                .collectList()
                .flatMap(loaded -> {
                    Long[] ids = new Long[loaded.size()];
                    Integer[] scores = new Integer[loaded.size()];
                    for (int i = 0; i < ids.length; i++) {
                        ids[i] = (Long) loaded.get(i)[0];
                        scores[i] = (Integer) loaded.get(i)[1] + 1;
                    }
                    return Flux.from(raw.createStatement("UPDATE bench_orm SET score = v.score FROM unnest($1::bigint[], "
                            + "$2::integer[]) AS v(id, score) WHERE bench_orm.id = v.id").bind(0, ids).bind(1, scores).execute())
                            .concatMap(result -> result.getRowsUpdated()).reduce(0L, Long::sum);
                });
    }

    private static String table(int rows, int updated, int rounds, Map<String, List<Double>> rates) {
        StringBuilder out = new StringBuilder(String.format("%nPostgreSQL: insert %,d entities with keys; update %,d; %d rounds "
                + "(median, min-max rows/s; time ratio to the raw arm of the same operation)%n", rows, updated, rounds));
        out.append("| arm | rows/s (median) | min - max | time vs raw |\n|---|---|---|---|\n");
        rates.forEach((arm, values) -> {
            String raw = arm.startsWith("insert") ? "insert: raw unnest RETURNING" : "update: raw SELECT + UPDATE FROM unnest";
            out.append(String.format("| %s | %,.0f | %,.0f - %,.0f | %.2fx |%n", arm, Trials.median(values), Collections.min(values),
                    Collections.max(values), Trials.median(rates.get(raw)) / Trials.median(values)));
        });
        return out.toString();
    }

}
