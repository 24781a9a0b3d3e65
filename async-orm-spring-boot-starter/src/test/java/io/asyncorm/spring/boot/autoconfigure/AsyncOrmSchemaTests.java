package io.asyncorm.spring.boot.autoconfigure;

import static io.asyncorm.sql.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.asyncorm.engine.AsyncEngine;
import io.asyncorm.exception.SchemaMismatchError;
import io.asyncorm.spring.schemaapp.Ledger;
import io.asyncorm.sql.Inspector;
import io.asyncorm.testing.TestDatabases;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcInitializationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/**
 * {@code async-orm.schema.mode}: create by default only on embedded H2, none on a server; validate fails startup with a
 * failure analysis naming each mismatch, and runs after Boot's own schema initialization (as after Flyway).
 */
class AsyncOrmSchemaTests {

    private static final AutoConfigurations AUTO_CONFIGURATIONS = AutoConfigurations.of(AsyncOrmUrlAutoConfiguration.class,
            R2dbcAutoConfiguration.class, R2dbcInitializationAutoConfiguration.class, AsyncOrmAutoConfiguration.class);

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AUTO_CONFIGURATIONS)
            .withUserConfiguration(Entities.class);

    @Configuration(proxyBeanMethods = false)
    @EntityScan(basePackageClasses = Ledger.class)
    static class Entities {
    }

    @AfterEach
    void dropTheLedgerOnPostgres() {
        AsyncEngine admin = AsyncEngine.create(TestDatabases.postgres());
        admin.begin(conn -> conn.execute(text("DROP TABLE IF EXISTS schema_ledger"))).blockLast();
        admin.dispose().block();
    }

    private static List<String> tables(AsyncEngine engine) {
        return engine.connect(conn -> Inspector.of(conn).tableNames()).single().block().stream()
                .map(String::toLowerCase).toList();
    }

    @Test
    void anEmbeddedDatabaseGetsItsTablesCreatedByDefault() {
        this.runner.withPropertyValues("async-orm.engine.url=r2dbc:h2:mem:///schema-default").run(context -> {
            assertThat(context.getBean(AsyncOrmSchemaInitializer.class).mode()).isEqualTo(AsyncOrmProperties.SchemaMode.CREATE);
            assertThat(tables(context.getBean(AsyncEngine.class))).contains("schema_ledger");
        });
        this.runner.run(context -> assertThat(tables(context.getBean(AsyncEngine.class))).as("Boot's embedded H2").contains("schema_ledger"));
    }

    @Test
    void noneLeavesTheEmbeddedDatabaseAlone() {
        this.runner.withPropertyValues("async-orm.engine.url=r2dbc:h2:mem:///schema-none", "async-orm.schema.mode=none").run(context ->
                assertThat(tables(context.getBean(AsyncEngine.class))).doesNotContain("schema_ledger"));
    }

    @Test
    void aServerIsLeftAloneByDefaultAndValidatedOnRequest() {
        this.runner.withPropertyValues("async-orm.engine.url=" + TestDatabases.postgres()).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(AsyncOrmSchemaInitializer.class).mode()).isEqualTo(AsyncOrmProperties.SchemaMode.NONE);
            assertThat(tables(context.getBean(AsyncEngine.class))).doesNotContain("schema_ledger");
        });
        this.runner.withPropertyValues("async-orm.engine.url=" + TestDatabases.postgres(), "async-orm.schema.mode=validate").run(context -> {
            assertThat(context).hasFailed();
            Throwable failure = context.getStartupFailure();
            FailureAnalysis analysis = new AsyncOrmFailureAnalyzer().analyze(failure);
            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription()).contains("does not match the entity mapping").contains("table schema_ledger is missing");
            assertThat(analysis.getAction()).contains("migration").contains("async-orm.schema.mode=create");
        });
        this.runner.withPropertyValues("async-orm.engine.url=" + TestDatabases.postgres(), "async-orm.schema.mode=create").run(context ->
                assertThat(context).hasNotFailed());
        this.runner.withPropertyValues("async-orm.engine.url=" + TestDatabases.postgres(), "async-orm.schema.mode=validate").run(context ->
                assertThat(context).as("the table create made").hasNotFailed());
        AsyncEngine admin = AsyncEngine.create(TestDatabases.postgres());
        admin.begin(conn -> conn.execute(text("ALTER TABLE schema_ledger DROP COLUMN opened"))
                .then(conn.execute(text("ALTER TABLE schema_ledger ALTER COLUMN title TYPE integer USING 0")))).blockLast();
        admin.dispose().block();
        this.runner.withPropertyValues("async-orm.engine.url=" + TestDatabases.postgres(), "async-orm.schema.mode=validate").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(SchemaMismatchError.class);
            SchemaMismatchError error = (SchemaMismatchError) org.assertj.core.util.Throwables.getRootCause(context.getStartupFailure());
            assertThat(error.mismatches()).containsExactly(
                    "column schema_ledger.title is integer in the database, but mapped as varchar(255)",
                    "column schema_ledger.opened is missing");
        });
    }

    @Test
    void validateRunsAfterBootsOwnSchemaInitialization() {
        this.runner.withPropertyValues("async-orm.engine.url=" + TestDatabases.postgres(), "async-orm.schema.mode=validate",
                "spring.sql.init.mode=always", "spring.sql.init.schema-locations=classpath:schemaapp/ledger.sql",
                "spring.r2dbc.url=" + TestDatabases.postgres()).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(tables(context.getBean(AsyncEngine.class))).contains("schema_ledger");
        });
    }
}
