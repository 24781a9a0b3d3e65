package io.asyncorm.spring.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;

/**
 * The auto-configuration of {@link AsyncOrmTest}, for a test that builds its context otherwise (a
 * {@code @SpringBootTest} with {@code WebTestClient}, say): async-orm, R2DBC, transactions, schema creation, and every
 * test method rolled back.
 *
 * <p>How the rollback works: before each test method one connection is taken and a transaction begun on it. Until the
 * method returns, every connection the application asks for (the engine's, {@code DatabaseClient}'s, Spring's
 * transaction manager's) is a handle on that connection, from any thread; a transaction begun on a handle is a
 * savepoint, its commit releases the savepoint and its rollback rolls back to it. After the method (and its
 * {@code @AfterEach}) the transaction is rolled back and the connection returned. Data written before the test method
 * (schema scripts, seeds, {@code @BeforeAll}) is not rolled back; {@code @BeforeEach} runs inside the transaction.
 *
 * <p>What differs from production while it is active: isolation levels and read-only are not applied to the handles'
 * transactions (the database cannot change them inside a transaction; the session's read-only rules still apply);
 * two transactions the code runs at the same time share the connection, so their savepoints nest; statements run
 * outside any transaction (auto-commit) run in a savepoint of their handle until it closes, so one that fails does not
 * abort the test's transaction on PostgreSQL (a later statement on the same handle, before it closes, would fail).
 * The engine does not pool in such a test: the one connection is the pool.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration
public @interface AutoConfigureAsyncOrm {
}
