package io.asyncorm.spring.test;

import org.springframework.boot.test.autoconfigure.TestSliceTestContextBootstrapper;

/** Bootstraps an {@link AsyncOrmTest}: reads its {@code properties}. */
final class AsyncOrmTestContextBootstrapper extends TestSliceTestContextBootstrapper<AsyncOrmTest> {
}
