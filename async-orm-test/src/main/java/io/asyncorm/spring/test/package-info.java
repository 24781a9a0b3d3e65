/**
 * Test support for applications on the starter: {@link io.asyncorm.spring.test.AsyncOrmTest} (a slice with
 * async-orm's and R2DBC's auto-configuration and the entities) and {@link io.asyncorm.spring.test.AutoConfigureAsyncOrm}
 * (the same on a {@code @SpringBootTest}). Either runs every test method inside one database transaction that is
 * rolled back when the method returns: the sessions, {@code @Transactional} services and {@code DatabaseClient} of the
 * code under test share its connection, and their own transactions become savepoints in it.
 */
@NullMarked
package io.asyncorm.spring.test;

import org.jspecify.annotations.NullMarked;
