/**
 * Spring transaction integration without Spring Boot: {@link io.asyncorm.spring.transaction.AsyncOrmTransactionManager}
 * (the role {@code JpaTransactionManager} plays for JPA) runs each reactive transaction on an async-orm session and
 * shares that session's R2DBC connection with Spring's {@code DatabaseClient};
 * {@link io.asyncorm.spring.transaction.TransactionAwareScopeFunction} makes the scoped session resolve to it; and
 * {@link io.asyncorm.spring.transaction.AsyncOrmExceptionTranslator} maps async-orm errors to Spring's
 * {@code DataAccessException} hierarchy.
 */
@NullMarked
package io.asyncorm.spring.transaction;

import org.jspecify.annotations.NullMarked;
