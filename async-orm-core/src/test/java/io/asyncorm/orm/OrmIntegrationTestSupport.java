package io.asyncorm.orm;

import io.asyncorm.engine.AsyncEngine;
import io.asyncorm.engine.EngineOptions;
import io.asyncorm.orm.model.A;
import io.asyncorm.orm.model.Account;
import io.asyncorm.orm.model.B;
import io.asyncorm.orm.model.Badge;
import io.asyncorm.orm.model.Company;
import io.asyncorm.orm.model.Department;
import io.asyncorm.orm.model.Employee;
import io.asyncorm.sql.Sql;
import io.asyncorm.testing.EchoCapture;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import reactor.core.publisher.Mono;

/**
 * What the ORM suites share: the test model's registry, a fresh schema per test, an engine whose echo
 * log is recorded (to count statements), and a maker with {@code expireOnCommit(false)}.
 */
abstract class OrmIntegrationTestSupport {

    static final Registry REGISTRY = Registry.of(A.class, B.class, Company.class, Department.class, Employee.class, Badge.class,
            Account.class, io.asyncorm.orm.model.Post.class, io.asyncorm.orm.model.Tag.class,
            io.asyncorm.orm.model.Customer.class, io.asyncorm.orm.model.Gadget.class);

    protected AsyncEngine engine;

    protected EchoCapture echo;

    protected AsyncSessionMaker maker;

    /** A URL of the database under test. */
    protected abstract String url();

    /** The classes the suite maps: the shared test model unless a suite has its own. */
    protected Registry registry() {
        return REGISTRY;
    }

    @BeforeEach
    void setUp() {
        String name = "orm" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        this.echo = new EchoCapture(name);
        this.engine = AsyncEngine.create(url(), EngineOptions.builder().echo(true).loggingName(name).build());
        this.engine.begin(conn -> registry().metadata().dropAll(conn, true).then(registry().metadata().createAll(conn))).blockLast();
        this.maker = AsyncSessionMaker.builder(this.engine, registry()).expireOnCommit(false).build();
        this.echo.clear();
    }

    @AfterEach
    void tearDown() {
        this.engine.begin(conn -> registry().metadata().dropAll(conn, true)).blockLast();
        this.engine.dispose().block();
        this.echo.close();
    }

    /** Whether the engine sends a read-only unit's reads without BEGIN (PostgreSQL, see EngineOptions.deferBegin). */
    protected boolean deferredBegin() {
        return this.engine.dialect().name().equals("postgresql");
    }

    /**
     * The statements of a kind the echo log recorded: "INSERT" (also H2's {@code SELECT ... FROM FINAL TABLE (INSERT ...)}),
     * "SELECT" (queries only), "UPDATE", "DELETE".
     */
    protected List<String> statements(String verb) {
        return this.echo.statements().stream().filter(line -> switch (verb) {
            case "INSERT" -> line.contains("INSERT INTO");
            case "SELECT" -> line.startsWith("SELECT") && !line.contains("INSERT INTO");
            default -> line.startsWith(verb);
        }).toList();
    }

    /** The rows of a plain SQL query, each as its values' {@code toString()}, read on a connection of its own. */
    protected List<String> rows(String sql) {
        return this.engine.connect(conn -> conn.execute(Sql.text(sql))).map(result -> result.all().stream()
                .map(row -> row.values().toString()).toList()).blockLast();
    }

    /** The tables of the recorded INSERTs, in order. */
    protected List<String> insertedTables() {
        return statements("INSERT").stream().map(line -> line.substring(line.indexOf("INSERT INTO ") + 12).split("[ (]")[0]).toList();
    }

    protected List<String> sql() {
        return this.echo.statements().stream()
                .filter(line -> !line.startsWith("BEGIN") && !line.equals("COMMIT") && !line.equals("ROLLBACK")).toList();
    }

    Mono<Void> addThreeAsWithFiveBs() {
        return this.maker.begin(session -> {
            session.addAll(List.of(new A("a1", List.of(new B("b1"), new B("b2"))), new A("a2", List.of(new B("b3"))),
                    new A("a3", List.of(new B("b4"), new B("b5")))));
            return Mono.empty();
        }).then();
    }

    /** Company acme, department sales, a boss and a worker who reports to the boss; then forgets the echo so far. */
    protected void addWorkerAndBoss() {
        Department sales = new Department("sales", new Company("acme"));
        this.maker.begin(session -> {
            session.add(new Employee("worker", sales, new Employee("boss", sales, null)));
            return Mono.empty();
        }).blockLast();
        this.echo.clear();
    }

    protected long count(String table) {
        return this.engine.connect(conn -> conn.<Number>scalar(Sql.text("select count(*) from " + table))).single().block()
                .orElseThrow().longValue();
    }
}
