package io.asyncorm.benchmarks;

import static io.asyncorm.sql.Sql.func;
import static io.asyncorm.sql.Sql.select;

import io.asyncorm.dialect.Dialect;
import io.asyncorm.dialect.PostgresDialect;
import io.asyncorm.sql.Column;
import io.asyncorm.sql.CompiledStatement;
import io.asyncorm.sql.MetaData;
import io.asyncorm.sql.Select;
import io.asyncorm.sql.Sql;
import io.asyncorm.sql.SqlTypes;
import io.asyncorm.sql.Table;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of compiling a 3-way join SELECT (issue 3, acceptance 5): building only; building a statement
 * of a known shape with new values and compiling it (the shape cache hits); building one of a new shape
 * (the cache misses); compiling the same statement object again (its own cache).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CompileBenchmark {

    private final Dialect dialect = PostgresDialect.INSTANCE;

    private Table users;

    private Table teams;

    private Table orgs;

    private Select reused;

    private int value;

    /** Builds the schema and the statement reused by the cache-hit benchmark. */
    @Setup
    public void setUp() {
        MetaData metadata = new MetaData();
        this.orgs = metadata.table("orgs", Column.of("id", SqlTypes.INTEGER).primaryKey(), Column.of("name", SqlTypes.TEXT));
        this.teams = metadata.table("teams", Column.of("id", SqlTypes.INTEGER).primaryKey(), Column.of("name", SqlTypes.TEXT),
                Column.of("org_id", SqlTypes.INTEGER).references("orgs.id"));
        this.users = metadata.table("users", Column.of("id", SqlTypes.INTEGER).primaryKey(), Column.of("name", SqlTypes.TEXT),
                Column.of("team_id", SqlTypes.INTEGER).references("teams.id"), Column.of("score", SqlTypes.INTEGER));
        this.reused = build(42);
    }

    private Select build(int minimum) {
        return build(minimum, "1");
    }

    private Select build(int minimum, String literal) {
        return select(Sql.literalColumn(literal), this.users.c("name"), this.teams.c("name").as("team"), this.orgs.c("name").as("org"),
                        func.count().as("n"))
                .join(this.teams, this.teams.c("id").eq(this.users.c("team_id")))
                .join(this.orgs, this.orgs.c("id").eq(this.teams.c("org_id")))
                .where(this.users.c("score").ge(minimum), Sql.or(this.orgs.c("name").like("a%"), this.teams.c("name").isNull()))
                .groupBy(this.users.c("name"), this.teams.c("name"), this.orgs.c("name"))
                .orderBy(this.users.c("name").desc())
                .limit(20);
    }

    /**
     * Builds the statement only.
     *
     * @return the statement
     */
    @Benchmark
    public Select buildOnly() {
        return build(this.value++);
    }

    /**
     * Builds a new statement with another value and compiles it: the path without any cache.
     *
     * @return the compiled statement
     */
    @Benchmark
    public CompiledStatement buildAndCompile() {
        return build(this.value++).compile(this.dialect);
    }

    /**
     * Builds and compiles a statement of a shape never seen before (a literal differs each time): the
     * shape cache misses, so this is compiling without the cache (plus recording the shape).
     *
     * @return the compiled statement
     */
    @Benchmark
    public CompiledStatement buildAndCompileNewShape() {
        int n = this.value++;
        return build(n, Integer.toString(n)).compile(this.dialect);
    }

    /**
     * Compiles a statement that was compiled before: the cache hit.
     *
     * @return the compiled statement
     */
    @Benchmark
    public CompiledStatement compileCached() {
        return this.reused.compile(this.dialect);
    }
}
