/**
 * The one unchecked exception hierarchy of async-orm, rooted at {@link io.asyncorm.exception.AsyncOrmException}: misuse of the API ({@link io.asyncorm.exception.InvalidRequestError}), bad arguments and configuration ({@link io.asyncorm.exception.ArgumentError}), database errors translated from R2DBC by category ({@link io.asyncorm.exception.DatabaseError} and its subclasses) and pool exhaustion ({@link io.asyncorm.exception.PoolTimeoutError}).
 */
@NullMarked
package io.asyncorm.exception;

import org.jspecify.annotations.NullMarked;
