package io.asyncorm.benchmarks;

import static io.asyncorm.sql.Sql.insert;
import static io.asyncorm.sql.Sql.text;

import io.asyncorm.engine.AsyncConnection;
import io.asyncorm.engine.AsyncEngine;
import io.asyncorm.engine.EngineOptions;
import io.asyncorm.sql.Column;
import io.asyncorm.sql.MetaData;
import io.asyncorm.sql.SqlTypes;
import io.asyncorm.sql.Table;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Ratio runner for inserting many rows with their generated keys (issue 3's insertmanyvalues figures):
 * async-orm's executemany against the raw driver on the same pool, arms interleaved in rounds, the
 * median rows/s with min and max, and the ratio to raw multi-row VALUES measured in the same run.
 *
 * <pre>
 * java -cp async-orm-benchmarks/target/benchmarks.jar io.asyncorm.benchmarks.InsertManyHarness \
 *     r2dbc:postgresql://asyncorm:asyncorm@127.0.0.1:5432/asyncorm_test [rows] [rounds]
 * </pre>
 */
public final class InsertManyHarness {

    private InsertManyHarness() {
    }

    /**
     * Runs the harness.
     *
     * @param args R2DBC URL, then optionally the number of rows (10,000) and rounds (7)
     */
    public static void main(String[] args) {
        String url = args[0];
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 7;
        AsyncEngine engine = AsyncEngine.create(url, EngineOptions.builder().poolSize(1).maxOverflow(0).build());
        String dialect = engine.dialect().name();
        MetaData metadata = new MetaData();
        Table table = metadata.table("bench_insert", Column.of("id", SqlTypes.BIGINT).primaryKey().identity(),
                Column.of("name", SqlTypes.varchar(100)).notNull(), Column.of("score", SqlTypes.INTEGER));

        List<Map<String, ?>> data = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            data.add(Map.of("name", "name " + i, "score", i));
        }
        Map<String, Function<AsyncConnection, Mono<Long>>> arms = new LinkedHashMap<>();
        arms.put("raw Statement.add()", conn -> conn.getRawConnection().flatMap(raw -> rawAdd(raw, dialect, data)));
        arms.put("raw multi-row VALUES", conn -> conn.getRawConnection().flatMap(raw -> rawValues(raw, dialect, data)));
        if (dialect.equals("postgresql")) {
            arms.put("raw unnest", conn -> conn.getRawConnection().flatMap(raw -> rawUnnest(raw, data)));
        }
        arms.put("async-orm executemany", conn -> conn.execute(insert(table).returning(table.c("id")), data)
                .map(result -> (long) result.all().size()));
        if (dialect.equals("postgresql")) {
            List<Column<?>> columns = List.of(table.c("name"), table.c("score"));
            arms.put("async-orm copyIn (no keys)", conn -> conn.copyIn(table, columns,
                    Flux.fromIterable(data).map(row -> List.of(row.get("name"), row.get("score")))));
        }

        // Trials in rotated order per round (round -1 warms up), each timed around its own transaction.
        List<String[]> trials = Trials.interleaved(arms.keySet(), 1, rounds);
        Map<String, List<Double>> rates = new LinkedHashMap<>();
        arms.keySet().forEach(arm -> rates.put(arm, new ArrayList<>()));
        Mono<String> report = engine.begin(conn -> metadata.dropAll(conn).then(metadata.createAll(conn)))
                .thenMany(Flux.fromIterable(trials).concatMap(trial -> Mono.defer(() -> {
                    long started = System.nanoTime();
                    return engine.begin(conn -> arms.get(trial[0]).apply(conn)
                                    .flatMap(n -> conn.execute(text("delete from bench_insert")).thenReturn(n)))
                            .single()
                            .doOnNext(returned -> record(trial, returned, rows, started, rates));
                })))
                .then(engine.begin(metadata::dropAll).then())
                .then(engine.dispose())
                .then(Mono.fromCallable(() -> table(dialect, rows, rounds, rates)));
        // A command-line driver: the one place it waits is here, for the whole composed run.
        System.out.print(report.block());
    }

    private static void record(String[] trial, long returned, int rows, long started, Map<String, List<Double>> rates) {
        double seconds = (System.nanoTime() - started) / 1e9;
        if (returned != rows) {
            throw new IllegalStateException(trial[0] + " returned " + returned + " keys for " + rows + " rows");
        }
        if (Trials.measured(trial)) {
            rates.get(trial[0]).add(rows / seconds);
        }
    }

    private static String table(String dialect, int rows, int rounds, Map<String, List<Double>> rates) {
        double baseline = Trials.median(rates.get("raw multi-row VALUES"));
        StringBuilder out = new StringBuilder(String.format("%n%s, %,d rows with RETURNING keys, %d rounds "
                + "(median, min-max rows/s; time ratio to raw multi-row VALUES)%n", dialect, rows, rounds));
        out.append("| arm | rows/s (median) | min - max | time vs raw VALUES |\n|---|---|---|---|\n");
        rates.forEach((arm, values) -> out.append(String.format("| %s | %,.0f | %,.0f - %,.0f | %.2fx |%n", arm, Trials.median(values),
                Collections.min(values), Collections.max(values), baseline / Trials.median(values))));
        return out.toString();
    }

    private static String marker(String dialect, int index) {
        return dialect.equals("mariadb") ? "?" : "$" + (index + 1);
    }

    private static String returning(String dialect, String insert) {
        return dialect.equals("h2") ? "SELECT id FROM FINAL TABLE (" + insert + ")" : insert + " RETURNING id";
    }

    private static Mono<Long> count(Statement statement) {
        return Flux.from(statement.execute()).concatMap(result -> result.map((row, meta) -> 1L)).count();
    }

    private static Mono<Long> rawAdd(Connection raw, String dialect, List<Map<String, ?>> data) {
        Statement statement = raw.createStatement(returning(dialect,
                "INSERT INTO bench_insert (name, score) VALUES (" + marker(dialect, 0) + ", " + marker(dialect, 1) + ")"));
        for (int i = 0; i < data.size(); i++) {
            if (i > 0) {
                statement.add();
            }
            statement.bind(0, data.get(i).get("name")).bind(1, data.get(i).get("score"));
        }
        return count(statement);
    }

    private static Mono<Long> rawValues(Connection raw, String dialect, List<Map<String, ?>> data) {
        int page = 1000;
        return Flux.range(0, (data.size() + page - 1) / page).concatMap(p -> {
            List<Map<String, ?>> rows = data.subList(p * page, Math.min(data.size(), (p + 1) * page));
            StringBuilder sql = new StringBuilder("INSERT INTO bench_insert (name, score) VALUES ");
            for (int i = 0; i < rows.size(); i++) {
                sql.append(i == 0 ? "(" : ", (").append(marker(dialect, 2 * i)).append(", ").append(marker(dialect, 2 * i + 1)).append(')');
            }
            Statement statement = raw.createStatement(returning(dialect, sql.toString()));
            for (int i = 0; i < rows.size(); i++) {
                statement.bind(2 * i, rows.get(i).get("name")).bind(2 * i + 1, rows.get(i).get("score"));
            }
            return count(statement);
        }).reduce(0L, Long::sum);
    }

    private static Mono<Long> rawUnnest(Connection raw, List<Map<String, ?>> data) {
        String[] names = new String[data.size()];
        Integer[] scores = new Integer[data.size()];
        for (int i = 0; i < data.size(); i++) {
            names[i] = (String) data.get(i).get("name");
            scores[i] = (Integer) data.get(i).get("score");
        }
        Statement statement = raw.createStatement("INSERT INTO bench_insert (name, score) SELECT * FROM unnest($1::varchar(100)[], "
                + "$2::integer[]) RETURNING id").bind(0, names).bind(1, scores);
        return count(statement);
    }

}
