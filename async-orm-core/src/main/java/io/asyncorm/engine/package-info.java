/**
 * The engine ({@link io.asyncorm.engine.AsyncEngine}: a pool of R2DBC connections and a dialect),
 * connections ({@link io.asyncorm.engine.AsyncConnection}) with buffered and streamed execution,
 * transactions and savepoints ({@link io.asyncorm.engine.AsyncTransaction}), options and events.
 */
@NullMarked
package io.asyncorm.engine;

import org.jspecify.annotations.NullMarked;
