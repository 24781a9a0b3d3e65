package io.asyncorm.benchmarks;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Readable;
import io.r2dbc.spi.Statement;
import io.r2dbc.spi.Wrapped;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The raw r2dbc-postgresql arms: the SQL an application would write by hand for each workload. */
final class RawOps {

    /** A row as the raw arms map it: the same work as building an entity, minus the ORM. */
    record RawRow(Long id, String name, Integer score) {

        static RawRow of(Readable row) {
            return new RawRow(row.get(0, Long.class), row.get(1, String.class), row.get(2, Integer.class));
        }
    }

    private RawOps() {
    }

    static Mono<RawRow> get(Connection connection, long id) {
        return Flux.from(connection.createStatement("SELECT id, name, score FROM bench_orm WHERE id = $1").bind(0, id).execute())
                .concatMap(result -> result.map(RawRow::of)).next();
    }

    static Mono<Long> count(Statement statement) {
        return Flux.from(statement.execute()).concatMap(result -> result.map((row, meta) -> 1L)).count();
    }

    static Mono<Long> updated(Statement statement) {
        return Flux.from(statement.execute()).concatMap(result -> result.getRowsUpdated()).reduce(0L, Long::sum);
    }

    /** Multi-row VALUES with RETURNING id, 1,000 rows per statement. */
    static Mono<Long> insertValues(Connection connection, int rows) {
        int page = 1000;
        return Flux.range(0, (rows + page - 1) / page).concatMap(p -> {
            int size = Math.min(page, rows - p * page);
            StringBuilder sql = new StringBuilder("INSERT INTO bench_orm (name, score) VALUES ");
            for (int i = 0; i < size; i++) {
                sql.append(i == 0 ? "(" : ", (").append('$').append(2 * i + 1).append(", $").append(2 * i + 2).append(')');
            }
            Statement statement = connection.createStatement(sql.append(" RETURNING id").toString());
            for (int i = 0; i < size; i++) {
                statement.bind(2 * i, "name " + i).bind(2 * i + 1, i);
            }
            return count(statement);
        }).reduce(0L, Long::sum);
    }

    /** One {@code INSERT ... SELECT FROM unnest(arrays) RETURNING id}. */
    static Mono<Long> insertUnnest(Connection connection, int rows) {
        String[] names = new String[rows];
        Integer[] scores = new Integer[rows];
        for (int i = 0; i < rows; i++) {
            names[i] = "name " + i;
            scores[i] = i;
        }
        return count(connection.createStatement("INSERT INTO bench_orm (name, score) SELECT * FROM unnest($1::varchar(100)[], "
                + "$2::integer[]) RETURNING id").bind(0, names).bind(1, scores));
    }

    /** One prepared INSERT with {@code Statement.add()} per row, RETURNING id: a round trip per row. */
    static Mono<Long> insertAdd(Connection connection, int rows) {
        Statement statement = connection.createStatement("INSERT INTO bench_orm (name, score) VALUES ($1, $2) RETURNING id");
        for (int i = 0; i < rows; i++) {
            if (i > 0) {
                statement.add();
            }
            statement.bind(0, "name " + i).bind(1, i);
        }
        return count(statement);
    }

    /** COPY FROM STDIN in text format: no keys come back (the ceiling). */
    static Mono<Long> copyIn(Connection connection, int rows) {
        Connection physical = connection;
        while (!(physical instanceof PostgresqlConnection) && physical instanceof Wrapped<?> wrapped) {
            physical = (Connection) wrapped.unwrap();
        }
        PostgresqlConnection postgres = (PostgresqlConnection) physical;
        Flux<ByteBuf> data = Flux.range(0, (rows + 999) / 1000).map(page -> {
            StringBuilder text = new StringBuilder();
            for (int i = page * 1000; i < Math.min(rows, (page + 1) * 1000); i++) {
                text.append("name ").append(i).append('\t').append(i).append('\n');
            }
            return Unpooled.wrappedBuffer(text.toString().getBytes(StandardCharsets.UTF_8));
        });
        return postgres.copyIn("COPY bench_orm (name, score) FROM STDIN", data);
    }

    /** The first {@code rows} rows by key. */
    static Mono<List<RawRow>> selectFirst(Connection connection, int rows) {
        return Flux.from(connection.createStatement("SELECT id, name, score FROM bench_orm ORDER BY id LIMIT $1").bind(0, rows).execute())
                .concatMap(result -> result.map(RawRow::of)).collectList();
    }

    /** Adds one to the score of each row with one {@code UPDATE ... FROM unnest}. */
    static Mono<Long> updateScores(Connection connection, List<RawRow> rows) {
        Long[] ids = new Long[rows.size()];
        Integer[] scores = new Integer[rows.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = rows.get(i).id();
            scores[i] = rows.get(i).score() + 1;
        }
        return updated(connection.createStatement("UPDATE bench_orm SET score = v.score FROM unnest($1::bigint[], $2::integer[]) "
                + "AS v(id, score) WHERE bench_orm.id = v.id").bind(0, ids).bind(1, scores));
    }

    /** Parents with key up to {@code parents} and their children, in two queries; the children are attached to their parents. */
    static Mono<List<BenchParent>> parentsWithChildren(Connection connection, int parents) {
        return Flux.from(connection.createStatement("SELECT id, name FROM bench_parent WHERE id <= $1 ORDER BY id").bind(0, (long) parents)
                        .execute())
                .concatMap(result -> result.map(row -> new BenchParent(row.get(0, Long.class), row.get(1, String.class))))
                .collectList()
                .flatMap(loaded -> {
                    Map<Long, BenchParent> byId = new HashMap<>();
                    Long[] ids = new Long[loaded.size()];
                    for (int i = 0; i < ids.length; i++) {
                        ids[i] = loaded.get(i).getId();
                        byId.put(ids[i], loaded.get(i));
                    }
                    return Flux.from(connection.createStatement("SELECT id, name, parent_id FROM bench_child WHERE parent_id = ANY($1)")
                                    .bind(0, ids).execute())
                            .concatMap(result -> result.map(row -> {
                                byId.get(row.get(2, Long.class)).getChildren().add(new BenchChild(row.get(0, Long.class),
                                        row.get(1, String.class)));
                                return 1;
                            }))
                            .then(Mono.just(loaded));
                });
    }

    /** BEGIN; INSERT one (key back); SELECT one by key; UPDATE it; COMMIT. */
    static Mono<Long> writeTransaction(Connection connection, long existing) {
        return Mono.from(connection.beginTransaction())
                .then(count(connection.createStatement("INSERT INTO bench_orm (name, score) VALUES ($1, $2) RETURNING id")
                        .bind(0, "new").bind(1, 0)))
                .then(get(connection, existing))
                .flatMap(row -> updated(connection.createStatement("UPDATE bench_orm SET score = $1 WHERE id = $2")
                        .bind(0, row.score() + 1).bind(1, row.id())))
                .then(Mono.from(connection.commitTransaction()))
                .thenReturn(1L);
    }

    static List<Long> keys(int count, int of) {
        List<Long> keys = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            keys.add((long) ((i * 7919L) % of + 1));
        }
        return keys;
    }
}
