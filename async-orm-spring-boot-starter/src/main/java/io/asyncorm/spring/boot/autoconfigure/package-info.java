/**
 * Spring Boot auto-configuration for async-orm: {@code async-orm.*} properties, the engine, registry, session maker,
 * scoped session, transaction manager, request-scope filter and exception translation. Registered only in
 * {@code META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports}.
 */
@NullMarked
package io.asyncorm.spring.boot.autoconfigure;

import org.jspecify.annotations.NullMarked;
