package io.asyncorm.sql;

import static io.asyncorm.sql.Sql.func;
import static io.asyncorm.sql.Sql.insert;
import static io.asyncorm.sql.Sql.select;
import static org.assertj.core.api.Assertions.assertThat;

import io.asyncorm.engine.AsyncConnection;
import io.asyncorm.engine.AsyncEngine;
import io.asyncorm.engine.EngineOptions;
import io.asyncorm.result.Result;
import io.asyncorm.result.Row;
import io.asyncorm.testing.EchoCapture;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import io.asyncorm.sql.TableElement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** Core SQL against a real database: DDL in foreign-key order, and every statement form round-tripped. */
abstract class AbstractCoreSqlIntegrationTests {

    protected String prefix;

    protected EchoCapture echo;

    protected AsyncEngine engine;

    protected MetaData metadata;

    protected Table teams;

    protected Table users;

    protected abstract String url();

    @BeforeEach
    void setUp() {
        this.prefix = "s" + UUID.randomUUID().toString().replace("-", "").substring(0, 8) + "_";
        this.echo = new EchoCapture(this.prefix);
        this.engine = AsyncEngine.create(url(), EngineOptions.builder().echo(true).loggingName(this.prefix).build());
        this.metadata = new MetaData();
        this.teams = this.metadata.table(this.prefix + "teams",
                Column.of("id", SqlTypes.INTEGER).primaryKey().identity(),
                Column.of("name", SqlTypes.varchar(50)).notNull().unique());
        this.users = this.metadata.table(this.prefix + "users",
                Column.of("id", SqlTypes.INTEGER).primaryKey().identity(),
                Column.of("name", SqlTypes.varchar(100)).notNull(),
                Column.of("team_id", SqlTypes.INTEGER).references(ForeignKey.to(this.prefix + "teams.id")
                        .onDelete(ForeignKey.Action.CASCADE)),
                Column.of("score", SqlTypes.INTEGER).serverDefault("0"),
                Index.on("name"));
        this.engine.begin(this.metadata::createAll).blockLast();
        this.echo.clear();
    }

    @AfterEach
    void tearDown() {
        if (this.engine != null) {
            this.engine.begin(this.metadata::dropAll).blockLast();
            this.engine.dispose().block();
        }
        this.echo.close();
    }

    <T> T run(Function<AsyncConnection, Mono<T>> work) {
        return this.engine.begin(work).single().block();
    }

    <T> List<T> list(Function<AsyncConnection, Mono<List<T>>> work) {
        return this.engine.connect(work).single().block();
    }

    void seed() {
        run(conn -> conn.execute(insert(this.teams), List.of(Map.of("name", "core"), Map.of("name", "web"), Map.of("name", "empty")))
                .then(conn.execute(insert(this.users), List.of(
                        Map.of("name", "ann", "team_id", 1, "score", 10),
                        Map.of("name", "bob", "team_id", 1, "score", 20),
                        Map.of("name", "cid", "team_id", 2, "score", 30))))
                .then(conn.execute(insert(this.users), Map.of("name", "Dee", "score", 40))));
    }

    List<Object> column(Executable query) {
        return run(conn -> conn.execute(query)).<Object>scalars().all();
    }

    @Test
    void coreSynopsisWithTableAndSelect() {
        MetaData meta = new MetaData();
        Table t1 = meta.table(this.prefix + "t1", Column.of("name", SqlTypes.varchar(50)).primaryKey());
        Mono<List<Row>> synopsis = this.engine.begin(conn -> meta.dropAll(conn)
                        .then(meta.createAll(conn))
                        .then(conn.execute(insert(t1), List.of(Map.of("name", "some name 1"), Map.of("name", "some name 2")))))
                .then(this.engine.connect(conn -> conn.execute(select(t1).where(t1.c("name").eq("some name 1"))).map(Result::all))
                        .single());
        StepVerifier.create(synopsis).assertNext(rows -> assertThat(rows).extracting(row -> row.get(t1.<String>c("name")))
                .containsExactly("some name 1")).verifyComplete();
        String marker = this.engine.dialect().bindMarker(0);
        String table = this.prefix + "t1";
        // the executemany of two rows is one statement: unnest on PostgreSQL, two-row VALUES elsewhere
        String insertMany = this.engine.dialect().name().equals("postgresql")
                ? "INSERT INTO " + table + " (name) SELECT * FROM unnest($1::varchar(50)[])"
                : "INSERT INTO " + table + " (name) VALUES (" + marker + "), (" + this.engine.dialect().bindMarker(1) + ")";
        assertThat(this.echo.statements()).filteredOn(line -> !line.startsWith("select table_name"))
                .containsExactly("BEGIN (implicit)",
                        "CREATE TABLE " + table + " (\n\tname varchar(50) NOT NULL,\n\tCONSTRAINT pk_" + table + " PRIMARY KEY (name)\n)",
                        insertMany,
                        "COMMIT",
                        "BEGIN (implicit)",
                        "SELECT " + table + ".name FROM " + table + " WHERE " + table + ".name = " + marker,
                        "ROLLBACK");
        this.engine.begin(meta::dropAll).blockLast();
    }

    @Test
    void sixTablesWithACycleAreCreatedAndDroppedInOrderWithAndWithoutCheckfirst() {
        MetaData schema = new MetaData();
        String p = this.prefix;
        schema.table(p + "invoice_line", Column.of("id", SqlTypes.INTEGER).primaryKey(),
                Column.of("invoice_id", SqlTypes.INTEGER).references(p + "invoice.id"),
                Column.of("product_id", SqlTypes.INTEGER).references(p + "product.id"));
        schema.table(p + "invoice", Column.of("id", SqlTypes.INTEGER).primaryKey(),
                Column.of("customer_id", SqlTypes.INTEGER).references(p + "customer.id"));
        schema.table(p + "customer", Column.of("id", SqlTypes.INTEGER).primaryKey(),
                Column.of("last_invoice_id", SqlTypes.INTEGER).references(p + "invoice.id"),
                Column.of("referrer_id", SqlTypes.INTEGER).references(p + "customer.id"),
                Column.of("region_id", SqlTypes.INTEGER).references(p + "region.id"));
        schema.table(p + "product", Column.of("id", SqlTypes.INTEGER).primaryKey(),
                Column.of("category_id", SqlTypes.INTEGER).references(p + "category.id"));
        schema.table(p + "category", Column.of("id", SqlTypes.INTEGER).primaryKey(), Column.of("name", SqlTypes.TEXT));
        schema.table(p + "region", Column.of("id", SqlTypes.INTEGER).primaryKey(), Column.of("code", SqlTypes.varchar(5)).unique());

        Function<AsyncConnection, Mono<Long>> existing = conn -> reactor.core.publisher.Flux.fromIterable(schema.tables())
                .concatMap(table -> conn.execute(Sql.text(conn.dialect().tableExistsQuery()), Map.of("name", table.name()))
                        .map(result -> result.all().size()))
                .reduce(0L, (sum, n) -> sum + n);

        assertThat(this.<Long>run(conn -> schema.createAll(conn, false).then(existing.apply(conn)))).isEqualTo(6L);
        assertThat(this.<Long>run(conn -> schema.createAll(conn, true).then(existing.apply(conn)))).isEqualTo(6L);
        for (Table table : schema.tables()) {
            List<Inspector.ForeignKeyInfo> expected = table.foreignKeys().stream().map(fk -> new Inspector.ForeignKeyInfo(
                    fk.name(table.name()), fk.columns(), fk.targetTable(), fk.targetColumns()))
                    .sorted(java.util.Comparator.comparing(Inspector.ForeignKeyInfo::name)).toList();
            assertThat(list(conn -> Inspector.of(conn).foreignKeys(table.name()))).as(table.name()).containsExactlyElementsOf(expected);
            assertThat(list(conn -> Inspector.of(conn).primaryKey(table.name()))).containsExactly("id");
            assertThat(list(conn -> Inspector.of(conn).columns(table.name()))).extracting(Inspector.ColumnInfo::name)
                    .containsExactlyElementsOf(table.columns().stream().map(Column::name).toList());
        }
        // the cycle's foreign key is enforced: a customer pointing at a missing invoice is refused
        StepVerifier.create(this.engine.begin(conn -> conn.execute(Sql.insert(schema.table(p + "customer").orElseThrow())
                .values(Map.of("id", 1, "last_invoice_id", 99))))).verifyError(io.asyncorm.exception.IntegrityError.class);
        assertThat(this.<Long>run(conn -> schema.dropAll(conn, true).then(existing.apply(conn)))).isZero();
        assertThat(this.<Long>run(conn -> schema.dropAll(conn, true).then(existing.apply(conn)))).isZero();
        assertThat(this.<Long>run(conn -> schema.createAll(conn, false).then(schema.dropAll(conn, false)).then(existing.apply(conn)))).isZero();
        assertThat(this.echo.statements()).anyMatch(line -> line.startsWith("ALTER TABLE " + p + "invoice ADD CONSTRAINT"));
    }

    @Test
    void theInspectorReadsTheSchemaBackAsDeclared() {
        String teamsName = this.teams.name();
        String usersName = this.users.name();
        Inspector.ColumnInfo nameColumn = list(conn -> Inspector.of(conn).columns(usersName)).get(1);
        assertThat(nameColumn.name()).isEqualTo("name");
        assertThat(nameColumn.nullable()).isFalse();
        assertThat(nameColumn.type()).containsAnyOf("char", "varchar");
        assertThat(list(conn -> Inspector.of(conn).tableNames())).contains(teamsName, usersName);
        assertThat(list(conn -> Inspector.of(conn).columns(usersName))).extracting(Inspector.ColumnInfo::name, Inspector.ColumnInfo::nullable)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("id", false), org.assertj.core.groups.Tuple.tuple("name", false),
                        org.assertj.core.groups.Tuple.tuple("team_id", true), org.assertj.core.groups.Tuple.tuple("score", true));
        assertThat(list(conn -> Inspector.of(conn).primaryKey(usersName))).containsExactly("id");
        assertThat(list(conn -> Inspector.of(conn).foreignKeys(usersName))).containsExactly(new Inspector.ForeignKeyInfo(
                "fk_" + usersName + "_team_id", List.of("team_id"), teamsName, List.of("id")));
        assertThat(list(conn -> Inspector.of(conn).uniqueConstraints(teamsName)))
                .containsExactly(new Inspector.KeyInfo("uq_" + teamsName + "_name", List.of("name"), true));
        assertThat(list(conn -> Inspector.of(conn).indexes(usersName)))
                .containsExactly(new Inspector.KeyInfo("ix_" + usersName + "_name", List.of("name"), false));
        assertThat(list(conn -> Inspector.of(conn).columns("no_such_table"))).isEmpty();
    }

    @Test
    void anExecutemanyInsertRunsAsFewStatementsAndReturnsKeysInInputOrder() {
        run(conn -> conn.execute(insert(this.teams).values(Map.of("name", "core"))));
        List<Map<String, ?>> rows = new java.util.ArrayList<>();
        for (int i = 0; i < 2500; i++) {
            rows.add(Map.of("name", "user " + i, "team_id", 1));
        }
        this.echo.clear();
        Result result = run(conn -> conn.execute(insert(this.users).returning(this.users.c("id"), this.users.c("name")), rows));
        List<Row> returned = result.all();
        assertThat(returned).hasSize(2500);
        assertThat(returned).extracting(row -> row.get("name")).containsExactlyElementsOf(rows.stream().map(r -> r.get("name")).toList());
        assertThat(returned).extracting(row -> row.get("id", Integer.class)).isSorted();
        long inserts = this.echo.statements().stream().filter(line -> line.contains("INSERT INTO")).count();
        assertThat(inserts).isEqualTo(this.engine.dialect().name().equals("postgresql") ? 1 : 3);
        assertThat(column(select(func.count()).selectFrom(this.users))).containsExactly(2500L);
    }

    @Test
    void insertsReturnGeneratedKeysAndApplyServerDefaults() {
        Result inserted = run(conn -> conn.execute(insert(this.teams).values(Map.of("name", "core"))
                .returning(this.teams.c("id"), this.teams.c("name"))));
        Row row = inserted.one();
        assertThat(row.get(this.teams.<Integer>c("id"))).isEqualTo(1);
        assertThat(row.get(this.teams.<String>c("name"))).isEqualTo("core");
        run(conn -> conn.execute(insert(this.users).values(List.of(Map.of("name", "a", "team_id", 1), Map.of("name", "b", "team_id", 1)))));
        assertThat(column(select(this.users.c("score")).orderBy(this.users.c("id")))).containsExactly(0, 0);
    }

    @Test
    void selectsWithJoinsGroupingOrderingAndPaging() {
        seed();
        assertThat(column(select(this.users.c("name")).orderBy(this.users.c("score").desc()).limit(2).offset(1)))
                .containsExactly("cid", "bob");
        List<Row> perTeam = run(conn -> conn.execute(select(this.teams.c("name"), func.count().as("members"))
                .join(this.users, this.users.c("team_id").eq(this.teams.c("id")))
                .groupBy(this.teams.c("name")).having(func.count().ge(1)).orderBy(this.teams.c("name")))).all();
        assertThat(perTeam).extracting(r -> r.get("name"), r -> r.get("members", Long.class))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("core", 2L), org.assertj.core.groups.Tuple.tuple("web", 1L));
        List<Row> outer = run(conn -> conn.execute(select(this.teams.c("name"), this.users.c("name").as("user_name"))
                .outerJoin(this.users, this.users.c("team_id").eq(this.teams.c("id")))
                .where(this.users.c("id").isNull()))).all();
        assertThat(outer).extracting(r -> r.get("name")).containsExactly("empty");
        assertThat(column(select(this.users.c("name")).where(this.users.c("team_id").isNull()).distinct())).containsExactly("Dee");
    }

    @Test
    void operatorsSubqueriesAndFunctionsReturnTheExpectedRows() {
        seed();
        Column<String> name = this.users.c("name");
        Column<Integer> score = this.users.c("score");
        assertThat(column(select(name).where(score.between(15, 35)).orderBy(name))).containsExactly("bob", "cid");
        assertThat(column(select(name).where(name.in(List.of("ann", "Dee", "zed"))).orderBy(score.asc()))).containsExactly("ann", "Dee");
        assertThat(column(select(name).where(name.ilike("d%")))).containsExactly("Dee");
        assertThat(column(select(name).where(name.like("b%")))).containsExactly("bob");
        assertThat(column(select(name).where(Sql.not(name.like("%n%")), score.lt(35)).orderBy(name))).containsExactly("bob", "cid");
        assertThat(column(select(name).where(this.users.c("team_id").in(select(this.teams.c("id"))
                .where(this.teams.c("name").eq("web")))))).containsExactly("cid");
        assertThat(column(select(this.teams.c("name")).where(Sql.exists(select(this.users.c("id"))
                .where(this.users.c("team_id").eq(this.teams.c("id")), score.gt(15)))).orderBy(this.teams.c("name"))))
                .containsExactly("core", "web");
        assertThat(column(select(Sql.caseWhen(String.class, "high", score.lt(25), "low")).orderBy(score)))
                .containsExactly("low", "low", "high", "high");
        assertThat(column(select(name.concat("!")).where(score.eq(10)))).containsExactly("ann!");
        assertThat(column(select(func.coalesce(this.users.c("team_id"), 0)).orderBy(score))).containsExactly(1, 1, 2, 0);
        assertThat(column(select(func.upper(name)).where(score.eq(score.minus(1).plus(1)), score.ge(40)))).containsExactly("DEE");
        Number total = (Number) column(select(func.sum(score))).get(0);
        assertThat(total.longValue()).isEqualTo(100L);
        assertThat(column(select(score.cast(SqlTypes.varchar(10))).where(score.eq(10)))).containsExactly("10");
        Row counted = run(conn -> conn.execute(select(this.teams.c("name"), select(func.count()).selectFrom(this.users)
                .where(this.users.c("team_id").eq(this.teams.c("id"))).scalarSubquery().as("n"))
                .where(this.teams.c("name").eq("core")))).one();
        assertThat(counted.get("n", Long.class)).isEqualTo(2L);
        StepVerifier.create(this.engine.connect(conn -> conn.execute(select(name).where(score.gt(Sql.bindparam("min"))))))
                .verifyErrorSatisfies(error -> assertThat(error).isInstanceOf(io.asyncorm.exception.ArgumentError.class)
                        .hasMessageContaining("bind parameter 'min'"));
    }

    @Test
    void aliasesSubqueriesCtesAndUnions() {
        seed();
        run(conn -> conn.execute(Sql.update(this.users).set(this.users.c("team_id"), 1).where(this.users.c("name").eq("Dee"))));
        Table other = this.users.alias("other");
        List<Row> pairs = run(conn -> conn.execute(select(this.users.c("name"), other.c("name").as("peer"))
                .join(other, Sql.and(other.c("team_id").eq(this.users.c("team_id")), other.c("id").gt(this.users.c("id"))))
                .where(this.users.c("name").eq("ann")).orderBy(other.c("score")))).all();
        assertThat(pairs).extracting(r -> r.get("peer")).containsExactly("bob", "Dee");
        Table sizes = select(this.users.c("team_id"), func.count().as("n")).groupBy(this.users.c("team_id")).subquery("sizes");
        assertThat(column(select(sizes.c("team_id")).where(sizes.c("n").gt(1)))).containsExactly(1);
        Table rich = select(this.users.c("name"), this.users.c("score")).where(this.users.c("score").ge(30)).cte("rich");
        assertThat(column(select(rich.c("name")).orderBy(rich.c("score")))).containsExactly("cid", "Dee");
        assertThat(column(Sql.unionAll(select(this.users.c("name")).where(this.users.c("score").eq(10)),
                select(this.teams.c("name")).where(this.teams.c("name").eq("web"))))).containsExactlyInAnyOrder("ann", "web");
        assertThat(column(Sql.union(select(this.users.c("team_id")).where(this.users.c("team_id").isNotNull()),
                select(this.users.c("team_id")).where(this.users.c("team_id").isNotNull())))).containsExactlyInAnyOrder(1, 2);
    }

    @Test
    void upsertsInsertOrUpdateOrLeaveAlone() {
        seed();
        Insert upsert = insert(this.teams).onConflictDoUpdate(List.of(this.teams.c("id")), this.teams.c("name"));
        run(conn -> conn.execute(upsert, List.of(Map.of("id", 1, "name", "core2"), Map.of("id", 10, "name", "new"))));
        assertThat(column(select(this.teams.c("name")).orderBy(this.teams.c("id")))).containsExactly("core2", "web", "empty", "new");
        run(conn -> conn.execute(insert(this.teams).values(Map.of("id", 2, "name", "ignored")).onConflictDoNothing(this.teams.c("id"))));
        assertThat(column(select(this.teams.c("name")).where(this.teams.c("id").eq(2)))).containsExactly("web");
    }

    @Test
    void copyInLoadsRowsOnPostgresqlAndIsRefusedElsewhere() {
        run(conn -> conn.execute(insert(this.teams).values(Map.of("name", "core"))));
        List<Column<?>> columns = List.of(this.users.c("name"), this.users.c("team_id"), this.users.c("score"));
        List<String> hostile = List.of("tab\there", "new\nline", "back\\slash \\N", "'; drop table x; --", "\u00e9\u4e2d");
        reactor.core.publisher.Flux<List<?>> rows = reactor.core.publisher.Flux.concat(
                reactor.core.publisher.Flux.range(0, 20_000).map(i -> java.util.Arrays.asList("user " + i, 1, i)),
                reactor.core.publisher.Flux.fromIterable(hostile).map(name -> java.util.Arrays.asList(name, null, null)));
        if (!this.engine.dialect().name().equals("postgresql")) {
            StepVerifier.create(this.engine.begin(conn -> conn.copyIn(this.users, columns, rows)))
                    .verifyErrorSatisfies(error -> assertThat(error).isInstanceOf(io.asyncorm.exception.InvalidRequestError.class)
                            .hasMessageContaining("COPY FROM STDIN is PostgreSQL's"));
            return;
        }
        assertThat(this.<Long>run(conn -> conn.copyIn(this.users, columns, rows))).isEqualTo(20_005L);
        assertThat(column(select(func.count()).selectFrom(this.users))).containsExactly(20_005L);
        assertThat(column(select(this.users.c("name")).where(this.users.c("team_id").isNull()).orderBy(this.users.c("id"))))
                .containsExactlyElementsOf(hostile);
        assertThat(this.echo.statements()).contains("COPY " + this.users.name() + " (name, team_id, score) FROM STDIN");
    }

    @Test
    void schemaFeaturesAreEnforcedByTheDatabase() {
        MetaData meta = new MetaData();
        Table parent = meta.table(this.prefix + "parent", Column.of("id", SqlTypes.INTEGER).primaryKey());
        Table child = meta.table(this.prefix + "child",
                Column.of("id", SqlTypes.INTEGER).primaryKey().identity(),
                Column.of("token", SqlTypes.varchar(36)).notNull().defaultValue(() -> UUID.randomUUID().toString()),
                Column.of("kind", SqlTypes.varchar(10)).defaultValue("plain"),
                Column.of("price", SqlTypes.INTEGER).serverDefault("5"),
                Column.of("parent_id", SqlTypes.INTEGER).references(ForeignKey.to(parent.name() + ".id")
                        .onDelete(ForeignKey.Action.SET_NULL)),
                CheckConstraint.of("ck_" + this.prefix + "price", "price >= 0"));
        try {
            run(conn -> parent.create(conn).then(child.create(conn)).thenReturn(1));
            run(conn -> conn.execute(insert(parent).values(Map.of("id", 1)))
                    .then(conn.execute(insert(child), List.of(Map.of("parent_id", 1), Map.of("parent_id", 1), Map.of("parent_id", 1)))));
            List<Row> rows = run(conn -> conn.execute(select(child).orderBy(child.c("id")))).all();
            assertThat(rows).extracting(r -> r.get("token")).doesNotHaveDuplicates().doesNotContainNull();
            assertThat(rows).extracting(r -> r.get("kind"), r -> r.get("price", Integer.class))
                    .containsOnly(org.assertj.core.groups.Tuple.tuple("plain", 5));
            StepVerifier.create(this.engine.begin(conn -> conn.execute(insert(child).values(Map.of("price", -1)))))
                    .verifyError(io.asyncorm.exception.IntegrityError.class);
            run(conn -> conn.execute(Sql.delete(parent)));
            assertThat(column(select(child.c("parent_id")))).containsOnlyNulls().hasSize(3);
        } finally {
            this.engine.begin(conn -> child.drop(conn).then(parent.drop(conn))).blockLast();
        }
        assertThat(list(conn -> Inspector.of(conn).tableNames())).doesNotContain(child.name(), parent.name());
    }

    @Test
    void viewsFunctionsInsertFromSelectAndRowLocks() {
        seed();
        String view = this.prefix + "rich";
        run(conn -> conn.execute(Sql.text("create view " + view + " as select name from " + this.users.name() + " where score >= 30")));
        try {
            assertThat(list(conn -> Inspector.of(conn).viewNames())).contains(view);
            assertThat(list(conn -> Inspector.of(conn).tableNames())).doesNotContain(view);
        } finally {
            run(conn -> conn.execute(Sql.text("drop view " + view)));
        }
        assertThat(column(select(func.now()).selectFrom(this.teams).limit(1))).doesNotContainNull().hasSize(1);
        assertThat(column(select(func.call("abs", Integer.class, this.users.c("score").times(-1))).where(this.users.c("score").eq(20))))
                .extracting(value -> ((Number) value).intValue()).containsExactly(20);   // MariaDB widens to BIGINT
        assertThat(column(select(this.teams.c("name")).where(this.teams.c("id").notIn(select(this.users.c("team_id"))
                .where(this.users.c("team_id").isNotNull()))))).containsExactly("empty");
        run(conn -> conn.execute(insert(this.teams).fromSelect(List.of(this.teams.c("name")),
                select(this.users.c("name")).where(this.users.c("score").ge(30)))));
        assertThat(column(select(this.teams.c("name")).where(this.teams.c("name").in(List.of("cid", "Dee"))).orderBy(this.teams.c("id"))))
                .containsExactly("cid", "Dee");
        for (Select.Lock lock : Select.Lock.values()) {
            assertThat(column(select(this.users.c("id")).where(this.users.c("score").eq(10)).forUpdate(lock))).containsExactly(1);
        }
    }

    enum Status { ACTIVE, RETIRED }

    /** MetaData.validate against the catalog: what it created matches; a missing table, column and a wrong type are named. */
    @Test
    void validateNamesEveryMissingTableColumnAndIncompatibleType() {
        StepVerifier.create(this.engine.connect(this.metadata::validate)).verifyComplete();
        MetaData expected = new MetaData();
        expected.table(this.prefix + "teams", Column.of("id", SqlTypes.INTEGER).primaryKey(), Column.of("name", SqlTypes.varchar(50)),
                Column.of("founded", SqlTypes.DATE));
        expected.table(this.prefix + "users", Column.of("id", SqlTypes.INTEGER).primaryKey(), Column.of("name", SqlTypes.DATE));
        expected.table(this.prefix + "absent", Column.of("id", SqlTypes.INTEGER).primaryKey());
        StepVerifier.create(this.engine.connect(expected::validate)).expectErrorSatisfies(error -> {
            assertThat(error).isInstanceOf(io.asyncorm.exception.SchemaMismatchError.class);
            assertThat(((io.asyncorm.exception.SchemaMismatchError) error).mismatches()).satisfiesExactly(
                    first -> assertThat(first).isEqualTo("column " + this.prefix + "teams.founded is missing"),
                    second -> assertThat(second).startsWith("column " + this.prefix + "users.name is ").contains("char")
                            .endsWith("but mapped as date"),
                    third -> assertThat(third).isEqualTo("table " + this.prefix + "absent is missing"));
        }).verify();
    }

    @Test
    void everyColumnTypeRoundTripsAsItsJavaType() {
        boolean maria = this.engine.dialect().name().equals("mariadb");
        MetaData meta = new MetaData();
        List<TableElement> columns = new java.util.ArrayList<>(List.of(
                Column.of("id", SqlTypes.BIGINT).primaryKey(),
                Column.of("small", SqlTypes.SMALLINT), Column.of("flag", SqlTypes.BOOLEAN),
                Column.of("amount", SqlTypes.numeric(12, 2)), Column.of("ratio", SqlTypes.DOUBLE), Column.of("approx", SqlTypes.REAL),
                Column.of("day", SqlTypes.DATE), Column.of("at", SqlTypes.TIME), Column.of("moment", SqlTypes.TIMESTAMP),
                Column.of("uid", SqlTypes.UUID_TYPE), Column.of("data", SqlTypes.BYTES), Column.of("doc", SqlTypes.JSON),
                Column.of("status", SqlTypes.enumOf(Status.class, 10)), Column.of("body", SqlTypes.TEXT)));
        if (!maria) {
            columns.add(Column.of("stamped", SqlTypes.TIMESTAMP_WITH_TIME_ZONE));
        }
        Table types = meta.table(this.prefix + "types", columns.toArray(TableElement[]::new));
        Map<String, Object> values = new java.util.LinkedHashMap<>();
        values.put("id", 5_000_000_000L);
        values.put("small", (short) 7);
        values.put("flag", true);
        values.put("amount", new java.math.BigDecimal("1234.50"));
        values.put("ratio", 0.25d);
        values.put("approx", 1.5f);
        values.put("day", java.time.LocalDate.of(2026, 11, 22));
        values.put("at", java.time.LocalTime.of(4, 5, 6));
        values.put("moment", java.time.LocalDateTime.of(2026, 11, 22, 4, 5, 6, 123_456_000));
        values.put("uid", UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e"));
        values.put("data", new byte[] {1, 2, 3});
        values.put("doc", "{\"a\": 1}");
        values.put("status", Status.RETIRED);
        values.put("body", "x".repeat(5000));
        if (!maria) {
            values.put("stamped", java.time.OffsetDateTime.of(2026, 11, 22, 4, 5, 6, 0, java.time.ZoneOffset.UTC));
        }
        try {
            run(conn -> meta.createAll(conn).then(conn.execute(insert(types), values)).then(conn.execute(insert(types), Map.of("id", 6L))));
            Row row = run(conn -> conn.execute(select(types).where(types.c("id").eq(5_000_000_000L)))).one();
            for (Column<?> column : types.columns()) {
                Object read = row.get(column);
                Object expected = values.get(column.name());
                if (column.name().equals("doc")) {
                    assertThat(((String) read).replace(" ", "")).as(column.name()).isEqualTo("{\"a\":1}");
                } else if (column.name().equals("stamped")) {
                    assertThat(((java.time.OffsetDateTime) read).toInstant()).isEqualTo(((java.time.OffsetDateTime) expected).toInstant());
                } else {
                    assertThat(read).as(column.name()).isInstanceOf(column.javaType()).isEqualTo(expected);
                }
            }
            assertThat(run(conn -> conn.execute(select(types.c("id")).where(types.c("status").eq(Status.RETIRED))))
                    .<Long>scalars().all()).containsExactly(5_000_000_000L);
            Row empty = run(conn -> conn.execute(select(types.c("status")).where(types.c("id").eq(6L)))).one();
            assertThat(empty.get("status")).isNull();
            StepVerifier.create(this.engine.connect(meta::validate)).as("every type matches its own DDL").verifyComplete();
        } finally {
            this.engine.begin(meta::dropAll).blockLast();
        }
    }

    @Test
    void namedParametersComeFromExecute() {
        seed();
        Select query = select(this.users.c("name")).where(this.users.c("score").ge(Sql.bindparam("min"))).orderBy(this.users.c("score"));
        List<Object> names = run(conn -> conn.execute(query, Map.of("min", 30))).<Object>scalars().all();
        assertThat(names).containsExactly("cid", "Dee");
    }

    @Test
    void anExpandingInTakesItsValuesAsOneCollectionAndIsOneArrayOnPostgresql() {
        seed();
        Column<?> name = this.users.c("name");
        Select byName = select(this.users.c("score")).where(name.inExpanding("names", 3)).orderBy(this.users.c("score"));
        this.echo.clear();

        // Hostile values travel as values (a quote, a marker, a NULL that matches nothing, as in IN).
        List<Object> scores = run(conn -> conn.execute(byName, Map.of("names", Arrays.asList("cid", "ann'); DROP TABLE x; --", "Dee"))))
                .<Object>scalars().all();
        assertThat(scores).containsExactly(30, 40);
        assertThat(run(conn -> conn.execute(byName, Map.of("names", Arrays.asList("ann", null, "bob")))).<Object>scalars().all())
                .containsExactly(10, 20);
        String table = this.prefix + "users";
        String marker = this.engine.dialect().bindMarker(0);
        assertThat(this.echo.statements()).contains("SELECT " + table + ".score FROM " + table + " WHERE " + table + ".name "
                + (this.engine.dialect().name().equals("postgresql") ? "= ANY($1::varchar(100)[])"
                        : "IN (" + marker + ", " + this.engine.dialect().bindMarker(1) + ", " + this.engine.dialect().bindMarker(2) + ")")
                + " ORDER BY " + table + ".score");
        // Integer keys, also given as other numbers, and an empty list.
        Select byScore = select(this.users.c("name")).where(this.users.c("score").inExpanding("s", 2)).orderBy(this.users.c("name"));
        assertThat(run(conn -> conn.execute(byScore, Map.of("s", List.of(10L, 40)))).<Object>scalars().all())
                .containsExactlyInAnyOrder("ann", "Dee");
        assertThat(run(conn -> conn.execute(select(name).where(name.inExpanding("none", 0)), Map.of("none", List.of())))
                .<Object>scalars().all()).isEmpty();
        Map<String, Object> nullList = new java.util.HashMap<>();
        nullList.put("names", null);
        assertThat(run(conn -> conn.execute(byName, nullList)).<Object>scalars().all()).as("NULL matches nothing, as IN (NULL)").isEmpty();
        StepVerifier.create(this.engine.connect(conn -> conn.execute(byName, Map.of("names", List.of("ann")))))
                .verifyErrorSatisfies(error -> assertThat(error).isInstanceOf(io.asyncorm.exception.ArgumentError.class)
                        .hasMessageContaining("compiled for 3 values and was given 1"));
    }

    @Test
    void updatesAndDeletes() {
        seed();
        Result updated = run(conn -> conn.execute(Sql.update(this.users).set(this.users.c("score"), this.users.c("score").plus(5))
                .where(this.users.c("team_id").eq(1))));
        assertThat(updated.rowCount()).isEqualTo(2);
        assertThat(column(select(this.users.c("score")).where(this.users.c("team_id").eq(1)).orderBy(this.users.c("score"))))
                .containsExactly(15, 25);
        if (!this.engine.dialect().name().equals("mariadb")) {
            Result returned = run(conn -> conn.execute(Sql.update(this.users).values(Map.of("name", "Deb"))
                    .where(this.users.c("name").eq("Dee")).returning(this.users.c("name"))));
            assertThat(returned.<String>scalars().all()).containsExactly("Deb");
        }
        Result deleted = run(conn -> conn.execute(Sql.delete(this.users).where(this.users.c("score").gt(20))
                .returning(this.users.c("score"))));
        assertThat(deleted.<Integer>scalars().all()).containsExactlyInAnyOrder(25, 30, 40);
        run(conn -> conn.execute(Sql.delete(this.teams).where(this.teams.c("name").eq("core"))));
        assertThat(column(select(func.count()).selectFrom(this.users))).containsExactly(0L);
    }

    @Test
    void hostileValuesRoundTripVerbatim() {
        List<String> hostile = List.of("'; drop table users; --", "Robert'); DROP TABLE students;--", "\\' OR 1=1 --",
                "\u00e9\u4e2d\ud83d\ude00", "\"quoted\" `ticks` $1 ? :name", "x".repeat(100));
        for (int i = 0; i < hostile.size(); i++) {
            int team = i;
            run(conn -> conn.execute(insert(this.teams).values(Map.of("name", "t" + team)))
                    .then(conn.execute(insert(this.users).values(Map.of("name", hostile.get(team), "team_id", team + 1)))));
        }
        assertThat(column(select(this.users.c("name")).orderBy(this.users.c("id")))).containsExactlyElementsOf(hostile);
        assertThat(column(select(this.users.c("id")).where(this.users.c("name").eq(hostile.get(0))))).containsExactly(1);
        assertThat(this.<Optional<Object>>run(conn -> conn.execute(select(func.count()).selectFrom(this.teams)).map(Result::scalar)))
                .isEqualTo(Optional.of(6L));
    }
}
