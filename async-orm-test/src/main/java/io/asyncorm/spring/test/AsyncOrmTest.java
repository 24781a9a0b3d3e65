package io.asyncorm.spring.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.autoconfigure.OverrideAutoConfiguration;
import org.springframework.boot.test.context.filter.annotation.TypeExcludeFilters;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.BootstrapWith;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * A test of the data layer: only async-orm's, R2DBC's and transaction auto-configuration run, no component is
 * scanned (add services with {@link #includeFilters()} or {@code @Import}), entities are found as in the application.
 * With no database configured, Spring Boot's embedded H2 is used and the tables are created from the mapping.
 *
 * <p>Every test method runs inside one database transaction that is rolled back when it returns, whether it passed,
 * failed, or the code under test committed: see {@link AutoConfigureAsyncOrm}. {@code @Commit} or
 * {@code @Rollback(false)} on a method or class opts out (the test then writes for real).
 *
 * <pre>{@code
 * @AsyncOrmTest(includeFilters = @Filter(type = FilterType.ASSIGNABLE_TYPE, classes = BookService.class))
 * class BookServiceTests {
 *     @Autowired BookService books;
 *     @Autowired AsyncSessionMaker sessions;
 *
 *     @Test
 *     void addsABook() {
 *         StepVerifier.create(books.add("Dune")).expectNextCount(1).verifyComplete();   // commits: a savepoint here
 *         StepVerifier.create(sessions.use(s -> s.list(select(Book.class))))
 *                 .assertNext(all -> assertThat(all).hasSize(1)).verifyComplete();     // gone after the test
 *     }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@BootstrapWith(AsyncOrmTestContextBootstrapper.class)
@ExtendWith(SpringExtension.class)
@OverrideAutoConfiguration(enabled = false)
@TypeExcludeFilters(AsyncOrmTypeExcludeFilter.class)
@AutoConfigureAsyncOrm
@ImportAutoConfiguration
public @interface AsyncOrmTest {

    /**
     * Properties in the form {@code key=value} added to the environment before the test runs.
     *
     * @return the properties
     */
    String[] properties() default {};

    /**
     * Whether the default filters of {@code @SpringBootApplication} apply; by default no component is included.
     *
     * @return whether to use the default filters
     */
    boolean useDefaultFilters() default true;

    /**
     * Components to add to the context, for example the service under test.
     *
     * @return the include filters
     */
    Filter[] includeFilters() default {};

    /**
     * Components to keep out of the context.
     *
     * @return the exclude filters
     */
    Filter[] excludeFilters() default {};

    /**
     * Auto-configuration to leave out for this test.
     *
     * @return the auto-configuration classes to exclude
     */
    @AliasFor(annotation = ImportAutoConfiguration.class, attribute = "exclude")
    Class<?>[] excludeAutoConfiguration() default {};
}
