package io.asyncorm.spring.test;

import org.springframework.boot.test.context.filter.annotation.StandardAnnotationCustomizableTypeExcludeFilter;

/** Keeps scanned components out of an {@link AsyncOrmTest} unless its filters include them. */
final class AsyncOrmTypeExcludeFilter extends StandardAnnotationCustomizableTypeExcludeFilter<AsyncOrmTest> {

    AsyncOrmTypeExcludeFilter(Class<?> testClass) {
        super(testClass);
    }
}
