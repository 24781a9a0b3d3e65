package io.asyncorm.reliability;

import static io.asyncorm.orm.Orm.select;
import static io.asyncorm.sql.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncorm.engine.AsyncEngine;
import io.asyncorm.exception.ArgumentError;
import io.asyncorm.exception.DataError;
import io.asyncorm.exception.PendingRollbackError;
import io.asyncorm.orm.AsyncSession;
import io.asyncorm.orm.AsyncSessionMaker;
import io.asyncorm.orm.Registry;
import io.asyncorm.orm.mapping.Mapper;
import io.asyncorm.reliability.model.Specimen.Kind;
import io.asyncorm.reliability.model.Specimen;
import io.asyncorm.reliability.model.Specimen_;
import io.asyncorm.sql.Column;
import io.asyncorm.sql.MetaData;
import io.asyncorm.sql.Sql;
import io.asyncorm.sql.SqlTypes;
import io.asyncorm.sql.Table;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * Hostile input: strings that look like SQL, quotes, markers, unicode, control characters and very long text
 * round-trip verbatim through every kind of string and bytes column, by the ORM and by Core; names that come
 * from a request are checked against the mapping; values out of range or of the wrong type fail with a clear
 * error and write nothing.
 */
abstract class AbstractHostileInputTests {

    static final Registry REGISTRY = Registry.of(Specimen.class);

    static final List<String> HOSTILE = List.of(
            "O'Reilly", "''", "'; DROP TABLE rel_specimen; --", "' OR '1'='1", "\"double\" \"quotes\"", "back\\slash\\", "`backtick`",
            ":name :1 ? ?1 $1 @p1 %s {0}", "/* comment */ -- line", "100% _under_ [bracket]", "${jndi:ldap://example.invalid/x}",
            "line\nbreak\r\nand\ttab", "  spaces  ", "", "Ω≈ç√∫ 日本語 עברית العربية", "emoji 🎉 👩‍👩‍👧‍👦 (ZWJ)", "zero\u200Bwidth\uFEFF",
            "\u0001\u0007\u001F controls", "x".repeat(4_000));

    protected AsyncEngine engine;

    protected AsyncSessionMaker maker;

    private final Mapper<Specimen> mapper = REGISTRY.mapper(Specimen.class);

    /** The database under test. */
    protected abstract String url();

    /** Whether text columns take U+0000 (PostgreSQL's do not: its text cannot hold NUL). */
    protected abstract boolean textTakesNul();

    @BeforeEach
    void schema() {
        this.engine = AsyncEngine.create(url());
        this.engine.begin(conn -> REGISTRY.metadata().dropAll(conn, true).then(REGISTRY.metadata().createAll(conn))).blockLast();
        this.maker = AsyncSessionMaker.builder(this.engine, REGISTRY).build();
    }

    @AfterEach
    void drop() {
        this.engine.begin(conn -> REGISTRY.metadata().dropAll(conn, true)).blockLast();
        this.engine.dispose().block();
    }

    @Test
    void hostileStringsRoundTripVerbatimInEveryStringAndBytesColumnByTheOrmAndByCore() {
        List<String> values = new ArrayList<>(HOSTILE);
        values.add("y".repeat(100_000));
        this.maker.begin(session -> {
            for (int i = 0; i < values.size(); i++) {
                String value = values.get(i);
                session.add(new Specimen(i, value.length() <= 5_000 ? value : "long", value, null, i, Kind.ODD, bytes(value)));
            }
            return Mono.empty();
        }).blockLast();

        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            int id = i;
            String label = value.length() <= 5_000 ? value : "long";
            // A fresh session each time: the values come from the database, not the identity map.
            StepVerifier.create(this.maker.use(session -> session.get(Specimen.class, id))).assertNext(specimen -> {
                assertThat(specimen.getLabel()).isEqualTo(label);
                assertThat(specimen.getBody()).isEqualTo(value);
                assertThat(specimen.getData()).isEqualTo(bytes(value));
                assertThat(specimen.getKind()).isEqualTo(Kind.ODD);
            }).verifyComplete();
            // Found by the value itself, in an ORM query and in Core text with a bound parameter.
            StepVerifier.create(this.maker.use(session -> session.<Specimen>scalars(select(Specimen.class)
                            .where(this.mapper.column("label").eq(label))).map(result -> result.all())))
                    .assertNext(found -> assertThat(found).extracting(Specimen::getId).contains(id)).verifyComplete();
            StepVerifier.create(this.engine.connect(conn -> conn.<String>scalar(text("select body from rel_specimen where id = :id and body = :v"),
                    Map.of("id", id, "v", value)))).expectNext(Optional.of(value)).verifyComplete();
        }

        // Written by an UPDATE too.
        String twice = HOSTILE.get(2) + HOSTILE.get(7);
        StepVerifier.create(this.maker.begin(session -> session.get(Specimen.class, 0).doOnNext(specimen -> specimen.setLabel(twice))))
                .expectNextCount(1).verifyComplete();
        StepVerifier.create(this.maker.use(session -> session.get(Specimen.class, 0).map(Specimen::getLabel))).expectNext(twice).verifyComplete();
        assertThat(count()).isEqualTo(values.size());
    }

    @Test
    void nulInTextIsStoredWhereTheDatabaseCanAndOtherwiseAClearDataErrorThatWritesNothing() {
        String nul = "before\u0000after";
        Mono<Void> unit = this.maker.begin(session -> {
            session.add(new Specimen(1, "fine", "fine", null, 1, Kind.PLAIN, bytes(nul)));
            session.add(new Specimen(2, nul, nul, null, 2, Kind.PLAIN, bytes(nul)));
            return Mono.empty();
        }).then();
        if (textTakesNul()) {
            StepVerifier.create(unit).verifyComplete();
            StepVerifier.create(this.maker.use(session -> session.get(Specimen.class, 2).map(Specimen::getBody))).expectNext(nul).verifyComplete();
        } else {
            StepVerifier.create(unit).expectErrorSatisfies(error -> assertThat(error).isInstanceOf(DataError.class)
                    .hasMessageContaining("0x00")).verify();
            assertThat(count()).isZero();
        }
        // Bytes columns hold NUL everywhere.
        StepVerifier.create(this.maker.use(session -> session.get(Specimen.class, 1).map(Specimen::getData)))
                .expectNextCount(textTakesNul() ? 1 : 0).verifyComplete();
    }

    @Test
    void namesFromARequestAreCheckedAgainstTheMappingAndNeverBecomeSql() {
        this.maker.begin(session -> {
            session.addAll(List.of(new Specimen(1, "b", "", null, 2, Kind.PLAIN, null), new Specimen(2, "a", "", null, 1, Kind.PLAIN, null)));
            return Mono.empty();
        }).blockLast();

        // A sort key from a request: looked up, then used as a column.
        StepVerifier.create(this.maker.use(session -> session.<Specimen>scalars(select(Specimen.class).orderBy(this.mapper.column("label").asc()))
                .map(result -> result.all().stream().map(Specimen::getId).toList()))).expectNext(List.of(2, 1)).verifyComplete();
        for (String hostile : List.of("label; drop table rel_specimen --", "label desc, (select 1)", "LABEL", "", "rel_specimen.label")) {
            assertThatThrownBy(() -> this.mapper.column(hostile)).isInstanceOf(ArgumentError.class)
                    .hasMessageContaining("column attributes are [id, label, body, code, small, kind, data]");
            assertThatThrownBy(() -> this.mapper.table().c(hostile)).isInstanceOf(ArgumentError.class).hasMessageContaining("has no column");
        }
        // ORDER BY never takes a string, so a request's text cannot reach the SQL that way.
        assertThatThrownBy(() -> select(Specimen.class).orderBy("label desc; drop table rel_specimen")).isInstanceOf(ArgumentError.class);

        // Identifiers are quoted when they are not plain names: a hostile table or column name is just a name.
        MetaData odd = new MetaData();
        Table table = odd.table("rel_we\"ird) drop table rel_specimen --", Column.of("va\"l'ue", SqlTypes.varchar(20)));
        StepVerifier.create(this.engine.begin(conn -> odd.createAll(conn)
                        .then(conn.execute(Sql.insert(table).values(Map.of("va\"l'ue", "kept"))))
                        .then(conn.<String>scalar(Sql.select(table.c("va\"l'ue"))))
                        .flatMap(value -> odd.dropAll(conn, true).thenReturn(value))))
                .expectNext(Optional.of("kept")).verifyComplete();
        assertThat(count()).isEqualTo(2);
    }

    /**
     * An IN list of 70,000 values, as a request could send: where the database takes that many bind parameters it runs;
     * on PostgreSQL, whose protocol counts them in 16 bits, an {@code ArgumentError} saying what to do, before anything is
     * sent, and the connection stays usable. It used to reach the server, which answered "invalid message format" and
     * closed the connection (an {@code OperationalError} "connection lost").
     */
    @Test
    void anInListBeyondTheDatabasesParameterLimitFailsClearlyAndKeepsTheConnection() {
        List<Integer> ids = java.util.stream.IntStream.range(0, 70_000).boxed().toList();
        boolean fits = this.engine.dialect().maxBindParameters() >= ids.size();
        Mono<List<Object>> outcome = this.maker.use(session -> session.scalars(select(Specimen.class).where(Specimen_.id.in(ids)))
                .<Object>map(result -> result.all().size())
                .onErrorResume(ArgumentError.class, error -> Mono.just(error.getMessage()))
                .flatMap(first -> session.connection().map(conn -> List.<Object>of(first, conn.isInvalidated())))).next();
        StepVerifier.create(outcome).assertNext(result -> {
            if (fits) {
                assertThat(result).containsExactly(0, false);
            } else {
                assertThat(result.get(0)).asString().contains("70,000 bind parameters", "at most 65,535", "inExpanding");
                assertThat(result.get(1)).as("invalidated").isEqualTo(false);
            }
        }).verifyComplete();
    }

    @Test
    void valuesOutOfRangeOrOfTheWrongTypeFailWithAClearErrorAndWriteNothing() {
        // Too long for VARCHAR(10), next to a valid object in the same flush.
        AsyncSession session = this.maker.create();
        session.add(new Specimen(1, "valid", "valid", "short", 1, Kind.PLAIN, null));
        session.add(new Specimen(2, "too long", "", "elevenchars", 2, Kind.PLAIN, null));
        StepVerifier.create(session.commit()).expectErrorSatisfies(error -> assertThat(error).isInstanceOf(DataError.class)
                .hasMessageContaining("rel_specimen")).verify();
        StepVerifier.create(session.commit()).expectError(PendingRollbackError.class).verify();
        StepVerifier.create(session.rollback().then(session.close())).verifyComplete();
        assertThat(count()).isZero();

        Table table = this.mapper.table();
        Map<String, Object> outOfRange = Map.of("id", 3, "label", "x", "body", "x", "small", 3_000_000_000L);
        StepVerifier.create(this.engine.begin(conn -> conn.execute(Sql.insert(table).values(Map.of("id", 4, "label", "fine", "body", "fine")))
                        .then(conn.execute(Sql.insert(table).values(outOfRange)))))
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOf(DataError.class).hasMessageContaining("rel_specimen"))
                .verify();
        // A value of the wrong type is refused when the statement is built, before any I/O.
        Map<String, Object> wrongType = Map.of("id", 5, "label", "x", "body", "x", "small", "not a number");
        assertThatThrownBy(() -> Sql.insert(table).values(wrongType)).isInstanceOf(ArgumentError.class)
                .hasMessageContaining("rel_specimen.small holds Integer values; got a String");
        assertThat(count()).isZero();
    }

    private long count() {
        return this.engine.connect(conn -> conn.<Number>scalar(text("select count(*) from rel_specimen"))).single().block().orElseThrow()
                .longValue();
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
