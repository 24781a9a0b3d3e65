/** WebFlux integration: one scoped session per HTTP request ({@link io.asyncorm.spring.web.ScopedSessionWebFilter}). */
@NullMarked
package io.asyncorm.spring.web;

import org.jspecify.annotations.NullMarked;
