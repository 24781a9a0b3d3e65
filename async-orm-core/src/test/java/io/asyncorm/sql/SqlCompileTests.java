package io.asyncorm.sql;

import static io.asyncorm.sql.Sql.func;
import static io.asyncorm.sql.Sql.select;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncorm.dialect.Dialect;
import io.asyncorm.dialect.H2Dialect;
import io.asyncorm.dialect.MariaDbDialect;
import io.asyncorm.dialect.PostgresDialect;
import io.asyncorm.exception.ArgumentError;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The exact SQL and parameters of each construct, per dialect (acceptance 1). */
class SqlCompileTests {

    static final Dialect PG = PostgresDialect.INSTANCE;

    static final Dialect H2 = H2Dialect.INSTANCE;

    static final Dialect MARIA = MariaDbDialect.INSTANCE;

    final MetaData metadata = new MetaData();

    final Table users = this.metadata.table("users",
            Column.of("id", SqlTypes.INTEGER).primaryKey().identity(),
            Column.of("name", SqlTypes.varchar(50)).notNull(),
            Column.of("team_id", SqlTypes.INTEGER).references("teams.id"),
            Column.of("Order", SqlTypes.INTEGER));

    final Table teams = this.metadata.table("teams",
            Column.of("id", SqlTypes.INTEGER).primaryKey(),
            Column.of("name", SqlTypes.varchar(50)));

    static void assertSql(Executable statement, Dialect dialect, String sql, Object... values) {
        CompiledStatement compiled = statement.compile(dialect);
        assertThat(compiled.sql()).isEqualTo(sql);
        assertThat(Arrays.asList(compiled.positionalValues(Map.of()))).containsExactly(values);
    }

    @Test
    void selectWhereOrderLimit() {
        Select query = select(this.users.c("id"), this.users.c("name"))
                .where(this.users.c("name").eq("a"), this.users.c("id").gt(5))
                .orderBy(this.users.c("name").desc().nullsLast(), this.users.c("id"))
                .limit(10).offset(20);
        assertSql(query, PG, "SELECT users.id, users.name FROM users WHERE users.name = $1 AND users.id > $2 "
                + "ORDER BY users.name DESC NULLS LAST, users.id LIMIT $3 OFFSET $4", "a", 5, 10, 20);
        assertSql(query, MARIA, "SELECT users.id, users.name FROM users WHERE users.name = ? AND users.id > ? "
                + "ORDER BY users.name IS NULL, users.name DESC, users.id LIMIT ? OFFSET ?", "a", 5, 10, 20);
    }

    @Test
    void withOnlyColumnsReplacesTheSelectListAndKeepsTheRest() {
        Select query = select(this.users).where(this.users.c("id").eq(1)).orderBy(this.users.c("name"));
        assertSql(query.withOnlyColumns(this.users.c("id"), Sql.literalColumn("NULL").as("name__deferred")), PG,
                "SELECT users.id, NULL AS name__deferred FROM users WHERE users.id = $1 ORDER BY users.name", 1);
    }

    @Test
    void reservedAndMixedCaseIdentifiersAreQuoted() {
        assertSql(select(this.users.c("Order")), PG, "SELECT users.\"Order\" FROM users");
        assertSql(select(this.users.c("Order")), MARIA, "SELECT users.`Order` FROM users");
        Table order = new MetaData().table("order", Column.of("user", SqlTypes.INTEGER));
        assertSql(select(order), H2, "SELECT \"order\".\"user\" FROM \"order\"");
    }

    @Test
    void joinsGroupByHavingDistinct() {
        Select query = select(this.teams.c("name"), func.count().as("members"))
                .join(this.users, this.users.c("team_id").eq(this.teams.c("id")))
                .groupBy(this.teams.c("name"))
                .having(func.count().gt(1));
        assertSql(query, PG, "SELECT teams.name, count(*) AS members FROM teams JOIN users ON users.team_id = teams.id "
                + "GROUP BY teams.name HAVING count(*) > $1", 1);
        Select outer = select(this.users.c("name"), this.teams.c("name").as("team"))
                .outerJoin(this.teams, this.teams.c("id").eq(this.users.c("team_id"))).distinct();
        assertSql(outer, H2, "SELECT DISTINCT users.name, teams.name AS team FROM users LEFT OUTER JOIN teams "
                + "ON teams.id = users.team_id");
    }

    enum Level { LOW, HIGH }

    @Test
    void anExpandingInIsOneArrayOnPostgresqlWhereTheValuesTravelInOneAndAMarkerPerValueElsewhere() {
        Column<Integer> id = this.users.c("id");
        Select byId = select(id).where(id.inExpanding("ids", 2));
        CompiledStatement pg = byId.compile(PG);
        assertThat(pg.sql()).isEqualTo("SELECT users.id FROM users WHERE users.id = ANY($1::integer[])");
        assertThat(pg.positionalValues(Map.of("ids", List.of(3, 4L)))).as("numbers converted to the column's type without loss")
                .containsExactly((Object) new Integer[] {3, 4});
        assertThat(select(id).where(id.inExpanding("ids", 3)).compile(PG).positionalValues(Map.of("ids", List.of(3, 4, 5))))
                .as("the same text for another count, compiled apart").containsExactly((Object) new Integer[] {3, 4, 5});
        assertThatThrownBy(() -> pg.positionalValues(Map.of("ids", List.of(3, 4.5)))).isInstanceOf(ArgumentError.class)
                .hasMessageContaining("4.5").hasMessageContaining("not a Integer");
        assertThatThrownBy(() -> pg.positionalValues(Map.of("ids", 3))).isInstanceOf(ArgumentError.class)
                .hasMessageContaining("takes a collection of 2 values");
        assertThatThrownBy(() -> pg.positionalValues(Map.of())).isInstanceOf(ArgumentError.class).hasMessageContaining("'ids'");
        assertThat(byId.compile(MARIA).sql()).isEqualTo("SELECT users.id FROM users WHERE users.id IN (?, ?)");
        assertThat(byId.compile(MARIA).positionalValues(Map.of("ids", List.of(3, 4)))).containsExactly(3, 4);
        assertThatThrownBy(() -> byId.compile(H2).positionalValues(Map.of("ids", List.of(1, 2, 3)))).isInstanceOf(ArgumentError.class)
                .hasMessageContaining("compiled for 2 values and was given 3");
        assertSql(select(id).where(id.inExpanding("none", 0)), PG, "SELECT users.id FROM users WHERE 1 = 0");
        assertThatThrownBy(() -> id.inExpanding("ids", -1)).isInstanceOf(ArgumentError.class);

        // A type converted for the driver is a marker per value on PostgreSQL too, each value converted.
        Table levels = new MetaData().table("levels", Column.of("level", SqlTypes.enumOf(Level.class, 10)));
        Column<Level> level = levels.c("level");
        CompiledStatement byLevel = select(level).where(level.inExpanding("levels", 2)).compile(PG);
        assertThat(byLevel.sql()).isEqualTo("SELECT levels.level FROM levels WHERE levels.level IN ($1, $2)");
        assertThat(byLevel.positionalValues(Map.of("levels", List.of(Level.HIGH, Level.LOW)))).containsExactly("HIGH", "LOW");
    }

    @Test
    void operators() {
        Column<Integer> id = this.users.c("id");
        Column<String> name = this.users.c("name");
        assertSql(select(id).where(Sql.or(id.in(List.of(1, 2)), Sql.and(name.like("a%"), Sql.not(name.isNull())))), PG,
                "SELECT users.id FROM users WHERE users.id IN ($1, $2) OR (users.name LIKE $3 AND NOT (users.name IS NULL))",
                1, 2, "a%");
        assertSql(select(id).where(id.between(1, 3), id.notIn(List.of()), id.ne(null)), PG,
                "SELECT users.id FROM users WHERE users.id BETWEEN $1 AND $2 AND 1 = 1 AND users.id IS NOT NULL", 1, 3);
        assertSql(select(id).where(id.in(List.of())), PG, "SELECT users.id FROM users WHERE 1 = 0");
        assertSql(select(id.plus(1).times(2).as("x")), PG, "SELECT (users.id + $1) * $2 AS x FROM users", 1, 2);
        assertSql(select(name).where(name.ilike("A%")), PG, "SELECT users.name FROM users WHERE users.name ILIKE $1", "A%");
        assertSql(select(name).where(name.ilike("A%")), MARIA, "SELECT users.name FROM users WHERE lower(users.name) LIKE lower(?)", "A%");
        assertSql(select(name.concat("!")), PG, "SELECT users.name || $1 FROM users", "!");
        assertSql(select(name.concat("!")), MARIA, "SELECT concat(users.name, ?) FROM users", "!");
    }

    @Test
    void functionsCaseCastAndLiterals() {
        Column<Integer> id = this.users.c("id");
        assertSql(select(func.max(id), func.coalesce(this.users.c("team_id"), 0), func.lower(this.users.c("name"))), PG,
                "SELECT max(users.id), coalesce(users.team_id, $1), lower(users.name) FROM users", 0);
        assertSql(select(Sql.caseWhen(String.class, "other", id.lt(10), "small"), id.cast(SqlTypes.BIGINT)), PG,
                "SELECT CASE WHEN users.id < $1 THEN $2 ELSE $3 END, CAST(users.id AS bigint) FROM users", 10, "small", "other");
        assertSql(select(id, Sql.literalColumn("1")), PG, "SELECT users.id, 1 FROM users");
    }

    @Test
    void subqueriesExistsAndForUpdate() {
        Select teamIds = select(this.teams.c("id")).where(this.teams.c("name").eq("core"));
        assertSql(select(this.users.c("id")).where(this.users.c("team_id").in(teamIds)), PG,
                "SELECT users.id FROM users WHERE users.team_id IN (SELECT teams.id FROM teams WHERE teams.name = $1)", "core");
        Select correlated = select(this.users.c("id")).where(this.users.c("team_id").eq(this.teams.c("id")));
        assertSql(select(this.teams.c("name")).where(Sql.exists(correlated)), PG,
                "SELECT teams.name FROM teams WHERE EXISTS (SELECT users.id FROM users WHERE users.team_id = teams.id)");
        assertSql(select(this.teams.c("name"), select(func.count()).selectFrom(this.users)
                        .where(this.users.c("team_id").eq(this.teams.c("id"))).scalarSubquery().as("n")), PG,
                "SELECT teams.name, (SELECT count(*) FROM users WHERE users.team_id = teams.id) AS n FROM teams");
        assertSql(select(this.users.c("id")).forUpdate(Select.Lock.SKIP_LOCKED), PG,
                "SELECT users.id FROM users FOR UPDATE SKIP LOCKED");
    }

    @Test
    void aliasesDerivedTablesCtesAndUnions() {
        Table managers = this.users.alias("managers");
        assertSql(select(this.users.c("name"), managers.c("name").as("manager"))
                        .join(managers, managers.c("id").eq(this.users.c("team_id"))), PG,
                "SELECT users.name, managers.name AS manager FROM users JOIN users AS managers ON managers.id = users.team_id");
        Table big = select(this.users.c("team_id"), func.count().as("n")).groupBy(this.users.c("team_id")).subquery("big");
        assertSql(select(big.c("team_id")).where(big.c("n").gt(3)), PG,
                "SELECT big.team_id FROM (SELECT users.team_id, count(*) AS n FROM users GROUP BY users.team_id) AS big "
                        + "WHERE big.n > $1", 3);
        Table active = select(this.users.c("id"), this.users.c("name")).where(this.users.c("team_id").isNotNull()).cte("active");
        assertSql(select(active.c("name")).join(this.teams, this.teams.c("id").eq(active.c("id"))), H2,
                "WITH active AS (SELECT users.id, users.name FROM users WHERE users.team_id IS NOT NULL) "
                        + "SELECT active.name FROM active JOIN teams ON teams.id = active.id");
        assertSql(Sql.unionAll(select(this.users.c("name")).where(this.users.c("id").eq(1)), select(this.teams.c("name"))), MARIA,
                "SELECT users.name FROM users WHERE users.id = ? UNION ALL SELECT teams.name FROM teams", 1);
    }

    @Test
    void upsertsPerDialect() {
        Insert upsert = Sql.insert(this.teams).values(Map.of("id", 1, "name", "x"))
                .onConflictDoUpdate(List.of(this.teams.c("id")), this.teams.c("name"));
        assertSql(upsert, PG, "INSERT INTO teams (id, name) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name", 1, "x");
        assertSql(upsert, MARIA, "INSERT INTO teams (id, name) VALUES (?, ?) ON DUPLICATE KEY UPDATE name = VALUES(name)", 1, "x");
        assertSql(upsert, H2, "MERGE INTO teams USING (VALUES ($1, $2)) AS excluded_row (id, name) ON teams.id = excluded_row.id "
                + "WHEN MATCHED THEN UPDATE SET name = excluded_row.name "
                + "WHEN NOT MATCHED THEN INSERT (id, name) VALUES (excluded_row.id, excluded_row.name)", 1, "x");
        Insert ignore = Sql.insert(this.teams).onConflictDoNothing(this.teams.c("id"));
        assertThat(ignore.compile(PG, Set.of("id", "name")).sql())
                .isEqualTo("INSERT INTO teams (id, name) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING");
        assertThat(ignore.compile(MARIA, Set.of("id", "name")).sql())
                .isEqualTo("INSERT INTO teams (id, name) VALUES (?, ?) ON DUPLICATE KEY UPDATE id = id");
    }

    @Test
    void anExecutemanyInsertIsRewrittenIntoFewStatements() {
        List<Map<String, ?>> sets = new java.util.ArrayList<>();
        for (int i = 0; i < 2500; i++) {
            sets.add(Map.of("id", i, "name", "n" + i));
        }
        Insert insert = Sql.insert(this.teams).returning(this.teams.c("id"));
        List<Executable> pg = insert.rewriteMany(PG, sets).orElseThrow();
        assertThat(pg).hasSize(1);
        CompiledStatement unnest = pg.get(0).compile(PG);
        assertThat(unnest.sql()).isEqualTo("INSERT INTO teams (id, name) SELECT * FROM unnest($1::integer[], $2::varchar(50)[]) RETURNING id");
        Object[] ids = (Object[]) unnest.positionalValues(Map.of())[0];
        assertThat(ids).hasSize(2500).startsWith(0, 1, 2);
        List<Executable> maria = insert.rewriteMany(MARIA, sets).orElseThrow();
        assertThat(maria).hasSize(3);
        assertThat(maria.get(2).compile(MARIA).sql()).startsWith("INSERT INTO teams (id, name) VALUES (?, ?), (?, ?)").endsWith("RETURNING id");
        assertThat(maria.get(2).compile(MARIA).parameterNames()).hasSize(2 * 500);
        assertThat(Sql.insert(this.teams).values(Map.of("id", 1, "name", "x")).rewriteMany(PG, sets)).isEmpty();
    }

    @Test
    void namedBindParametersAreReusable() {
        Column<Integer> id = this.users.c("id");
        CompiledStatement compiled = select(id).where(Sql.or(id.eq(Sql.bindparam("x")), id.gt(Sql.bindparam("x")))).compile(PG);
        assertThat(compiled.sql()).isEqualTo("SELECT users.id FROM users WHERE users.id = $1 OR users.id > $2");
        assertThat(compiled.parameterNames()).containsExactly("x", "x");
        assertThat(Arrays.asList(compiled.positionalValues(Map.of("x", 7)))).containsExactly(7, 7);
    }

    @Test
    void aColumnsNamedParameterConvertsAsTheColumnDoes() {
        Table docs = this.metadata.table("docs", Column.of("id", SqlTypes.INTEGER).primaryKey(), Column.of("body", SqlTypes.JSON));
        Column<String> body = docs.c("body");
        CompiledStatement compiled = select(docs.c("id")).where(body.eq(body.bindparam("b"))).compile(PG);
        assertThat(compiled.sql()).isEqualTo("SELECT docs.id FROM docs WHERE docs.body = CAST($1 AS jsonb)");
        assertThat(compiled.parameterNames()).containsExactly("b");
        assertThatThrownBy(() -> compiled.positionalValues(Map.of())).isInstanceOf(ArgumentError.class)
                .hasMessageContaining("bind parameter 'b'");
    }

    @Test
    void insertForms() {
        Insert byParameters = Sql.insert(this.users);
        assertThat(byParameters.compile(PG, Set.of("name", "team_id")).sql())
                .isEqualTo("INSERT INTO users (name, team_id) VALUES ($1, $2)");
        assertSql(Sql.insert(this.users).values(Map.of("name", "a")).returning(this.users.c("id")), PG,
                "INSERT INTO users (name) VALUES ($1) RETURNING id", "a");
        assertSql(Sql.insert(this.users).values(Map.of("name", "a")).returning(this.users.c("id")), H2,
                "SELECT id FROM FINAL TABLE (INSERT INTO users (name) VALUES ($1))", "a");
        assertSql(Sql.insert(this.teams).values(List.of(Map.of("id", 1, "name", "x"), Map.of("id", 2, "name", "y"))), MARIA,
                "INSERT INTO teams (id, name) VALUES (?, ?), (?, ?)", 1, "x", 2, "y");
        assertSql(Sql.insert(this.teams).fromSelect(List.of(this.teams.c("id"), this.teams.c("name")),
                        select(this.users.c("id"), this.users.c("name")).where(this.users.c("id").gt(10))), PG,
                "INSERT INTO teams (id, name) SELECT users.id, users.name FROM users WHERE users.id > $1", 10);
        assertThat(Sql.insert(this.teams).compile(PG).sql()).isEqualTo("INSERT INTO teams DEFAULT VALUES");
        assertThat(Sql.insert(this.teams).compile(MARIA).sql()).isEqualTo("INSERT INTO teams () VALUES ()");
    }

    @Test
    void updateAndDelete() {
        Column<Integer> id = this.users.c("id");
        assertSql(Sql.update(this.users).set(this.users.c("name"), "b").set(this.users.c("team_id"), this.users.c("team_id").plus(1))
                        .where(id.eq(1)).returning(this.users.c("name")), PG,
                "UPDATE users SET name = $1, team_id = users.team_id + $2 WHERE users.id = $3 RETURNING name", "b", 1, 1);
        assertSql(Sql.update(this.users).values(Map.of("name", "b")).where(id.eq(1)).returning(id), H2,
                "SELECT id FROM FINAL TABLE (UPDATE users SET name = $1 WHERE users.id = $2)", "b", 1);
        assertThatThrownBy(() -> Sql.update(this.users).values(Map.of("name", "b")).returning(id).compile(MARIA))
                .isInstanceOf(ArgumentError.class).hasMessageContaining("mariadb cannot return rows from UPDATE");
        assertSql(Sql.delete(this.users).where(id.lt(3)).returning(id), MARIA, "DELETE FROM users WHERE users.id < ? RETURNING id", 3);
        assertSql(Sql.delete(this.users).where(id.lt(3)).returning(id), H2, "SELECT id FROM OLD TABLE (DELETE FROM users WHERE users.id < $1)", 3);
        assertSql(Sql.delete(this.users), PG, "DELETE FROM users");
    }

    @Test
    void badInputFailsWithNamesWhenBuiltOrCompiled() {
        assertThatThrownBy(() -> this.users.c("nmae")).isInstanceOf(ArgumentError.class)
                .hasMessageContaining("Table 'users' has no column 'nmae'").hasMessageContaining("[id, name, team_id, Order]");
        assertThatThrownBy(() -> select(this.users.c("id")).where(this.teams.c("name").eq("x")).compile(PG))
                .isInstanceOf(ArgumentError.class)
                .hasMessageContaining("Column 'teams.name' refers to table 'teams', which is not in the FROM clause")
                .hasMessageContaining("FROM users");
        assertThatThrownBy(() -> this.users.c("id").eq("not a number")).isInstanceOf(ArgumentError.class)
                .hasMessageContaining("users.id holds Integer values; got a String (not a number)");
        assertThatThrownBy(() -> Sql.insert(this.users).values(Map.of("nope", 1))).isInstanceOf(ArgumentError.class)
                .hasMessageContaining("no column 'nope'");
        assertThatThrownBy(() -> Sql.update(this.users).compile(PG)).isInstanceOf(ArgumentError.class).hasMessageContaining("sets no column");
        assertThatThrownBy(() -> Sql.update(this.users).set(this.teams.c("name"), "x")).isInstanceOf(ArgumentError.class)
                .hasMessageContaining("not a column of table 'users'");
    }

    @Test
    void aHostileValueIsBoundNeverInlined() {
        String hostile = "'; drop table users; --";
        CompiledStatement compiled = select(this.users.c("id")).where(this.users.c("name").eq(hostile)).compile(PG);
        assertThat(compiled.sql()).doesNotContain("drop").isEqualTo("SELECT users.id FROM users WHERE users.name = $1");
        assertThat(Arrays.asList(compiled.positionalValues(Map.of()))).containsExactly(hostile);
    }

    @Test
    void aStatementBuiltAgainWithOtherValuesReusesTheCompiledSqlWithItsOwnValues() {
        Select first = select(this.users.c("id")).where(this.users.c("name").eq("a"), this.users.c("id").in(List.of(1, 2))).limit(5);
        Select second = select(this.users.c("id")).where(this.users.c("name").eq("b"), this.users.c("id").in(List.of(3, 4))).limit(9);
        CompiledStatement a = first.compile(PG);
        CompiledStatement b = second.compile(PG);
        assertThat(b.sql()).isSameAs(a.sql());
        assertThat(Arrays.asList(a.positionalValues(Map.of()))).containsExactly("a", 1, 2, 5);
        assertThat(Arrays.asList(b.positionalValues(Map.of()))).containsExactly("b", 3, 4, 9);
        Select otherShape = select(this.users.c("id")).where(this.users.c("name").eq("c"), this.users.c("id").in(List.of(5, 6, 7)));
        assertThat(otherShape.compile(PG).sql()).isNotEqualTo(a.sql()).contains("IN ($2, $3, $4)");
        assertThat(select(this.users.c("id")).where(this.users.c("name").eq("x")).limit(5).compile(MARIA).sql()).contains("?");
    }

    @Test
    void compiledSqlIsCachedPerStatementAndDialect() {
        Select query = select(this.users.c("id")).where(this.users.c("name").eq("a"));
        assertThat(query.compile(PG)).isSameAs(query.compile(PG));
        assertThat(query.compile(PG)).isNotSameAs(query.compile(MARIA));
    }
}
