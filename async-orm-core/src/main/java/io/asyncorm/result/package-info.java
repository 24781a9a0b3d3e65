/**
 * Rows and results. Buffered results ({@link io.asyncorm.result.Result},
 * {@link io.asyncorm.result.ScalarResult}, {@link io.asyncorm.result.MappingResult}) hold every row
 * in memory and stay usable after the connection is closed. Streamed results
 * ({@link io.asyncorm.result.AsyncResult} and its scalar and mapping views) read from an open cursor
 * on demand and must be consumed or closed.
 *
 * <h2>NULL and "no row"</h2>
 * Reactor cannot emit {@code null}, so one rule holds for every method that returns one value:
 * <ul>
 *   <li>Streamed, row-valued ({@code first}, {@code oneOrNone}, {@code fetchOne}): an empty
 *       {@code Mono} means no row. Rows and mappings are never null.</li>
 *   <li>Streamed, column-valued ({@code scalar}, {@code scalarOne}, {@code scalarOneOrNone}, the
 *       single-value methods of scalar views): {@code Mono<Optional<T>>}; an empty {@code Mono} means
 *       no row, {@code Optional.empty()} means SQL NULL.</li>
 *   <li>Buffered results are plain Java: a method that may find nothing returns {@code Optional}
 *       (empty for no row or, for a column value, SQL NULL, as SQLAlchemy's {@code None});
 *       {@code one()} and {@code scalarOne()} return the value, which is {@code null} for SQL NULL.</li>
 *   <li>Lists may hold nulls (a scalar column with NULLs). A {@code Flux} of scalars cannot:
 *       {@code AsyncScalarResult.rows()} fails on a NULL, {@code optionalRows()} wraps each value.</li>
 * </ul>
 */
@NullMarked
package io.asyncorm.result;

import org.jspecify.annotations.NullMarked;
