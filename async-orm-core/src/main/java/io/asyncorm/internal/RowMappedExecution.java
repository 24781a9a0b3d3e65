package io.asyncorm.internal;

import io.asyncorm.result.Row;
import io.asyncorm.sql.Executable;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * A buffered statement whose rows are handed to a function as the driver reads them, for the ORM's loads: each
 * object is made from the driver's row, without a {@code Result} of copied rows around it that the ORM would only
 * read once. The statement runs as a buffered {@code execute} runs it (listeners, transaction, timeout, error
 * translation); the engine's connection implements it.
 *
 * @param <O> the engine's execution options (a type parameter, as this package may not depend on the engine)
 */
public interface RowMappedExecution<O> {

    /**
     * Runs a statement with one parameter set and maps each row as it arrives.
     *
     * @param statement the statement
     * @param parameters the values of its named parameters
     * @param options execution options for this call
     * @param mapper called once per row, in order, on the thread that reads the driver's result; the row it is given
     *        is valid only during the call (its values are refilled for the next row); a null it returns is left out
     *        of the list (a mapper that only loads returns null). An exception it throws fails the call with that
     *        exception once the statement has completed (the rest of the rows are read, not mapped), so the
     *        connection stays usable
     * @param <T> what a row becomes
     * @return what the mapper made of each row, in order
     */
    <T> Mono<List<T>> executeMapped(Executable statement, Map<String, ?> parameters, O options, Function<Row, @Nullable T> mapper);
}
