package io.asyncorm.spring.test;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.test.annotation.Rollback;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Begins the test transaction before each test method and rolls it back after it (and after its
 * {@code @AfterEach}), in contexts configured by {@link AutoConfigureAsyncOrm}; does nothing in other contexts.
 * {@code @Rollback(false)} or {@code @Commit} on the method, else on the class, opts out.
 *
 * <p>JUnit calls a listener synchronously, so this is the one place that waits for the database (at most
 * {@value #TIMEOUT_SECONDS} s per step); the code under test stays reactive.
 */
public final class AsyncOrmRollbackTestExecutionListener extends AbstractTestExecutionListener {

    static final int TIMEOUT_SECONDS = 30;

    private static final Duration TIMEOUT = Duration.ofSeconds(TIMEOUT_SECONDS);

    /** Created by Spring's test framework (registered in {@code META-INF/spring.factories}). */
    public AsyncOrmRollbackTestExecutionListener() {
    }

    /** After dependency injection and Spring's own transactional test listener (4000). */
    @Override
    public int getOrder() {
        return 4100;
    }

    @Override
    public void beforeTestMethod(TestContext testContext) {
        RollbackConnections connections = connections(testContext);
        if (connections != null && rollback(testContext)) {
            connections.begin().block(TIMEOUT);
        }
    }

    @Override
    public void afterTestMethod(TestContext testContext) {
        RollbackConnections connections = connections(testContext);
        if (connections != null) {
            connections.end().block(TIMEOUT);
        }
    }

    private static @Nullable RollbackConnections connections(TestContext testContext) {
        return testContext.hasApplicationContext()
                ? testContext.getApplicationContext().getBeanProvider(RollbackConnections.class).getIfAvailable()
                : null;
    }

    private static boolean rollback(TestContext testContext) {
        Rollback onMethod = AnnotatedElementUtils.findMergedAnnotation(testContext.getTestMethod(), Rollback.class);
        if (onMethod != null) {
            return onMethod.value();
        }
        Rollback onClass = TestContextAnnotationUtils.findMergedAnnotation(testContext.getTestClass(), Rollback.class);
        return onClass == null || onClass.value();
    }
}
