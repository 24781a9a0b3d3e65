/** A lending library on async-orm's Spring Boot starter: the application class and its configuration. */
@NullMarked
package io.asyncorm.samples;

import org.jspecify.annotations.NullMarked;
