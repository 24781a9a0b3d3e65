package io.asyncorm.sql;

import io.asyncorm.dialect.Dialect;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A statement an {@code AsyncConnection} can execute. Implementations are immutable and may be
 * executed any number of times, concurrently, on any connection.
 */
public interface Executable {

    /**
     * Compiles the statement for a dialect. Implementations cache the result per dialect, so calling
     * this on every execution is cheap.
     *
     * @param dialect the dialect of the connection that will run it
     * @return the SQL text and the order of its named parameters
     */
    CompiledStatement compile(Dialect dialect);

    /**
     * Compiles the statement for the parameter keys it will be executed with. Statements whose SQL
     * depends on the keys (an INSERT without explicit values lists the columns present in the
     * parameters, as SQLAlchemy does) override this.
     *
     * @param dialect the dialect of the connection that will run it
     * @param parameterKeys the keys of the first parameter set
     * @return the SQL text and the order of its named parameters
     */
    default CompiledStatement compile(Dialect dialect, Set<String> parameterKeys) {
        return compile(dialect);
    }

    /**
     * Completes the parameter sets before execution; an INSERT adds client-side column defaults here,
     * once per set, so a supplier default gives each row its own value.
     *
     * @param parameterSets the sets given by the caller
     * @return the sets to bind
     */
    default List<Map<String, ?>> prepareParameters(List<Map<String, ?>> parameterSets) {
        return parameterSets;
    }

    /**
     * Rewrites an execution over several parameter sets into fewer statements with their values bound
     * (SQLAlchemy's "insertmanyvalues"). Run in order, the statements' results, concatenated, are the
     * result of the executemany.
     *
     * @param dialect the dialect of the connection
     * @param parameterSets the prepared parameter sets, at least two
     * @return the statements, or empty to execute the sets as one batch of the statement itself
     */
    default Optional<List<Executable>> rewriteMany(Dialect dialect, List<Map<String, ?>> parameterSets) {
        return Optional.empty();
    }

    /**
     * Whether the statement only reads (a SELECT). Bind resolvers use it to route reads to a replica.
     *
     * @return true for queries; false for data-changing, DDL and text statements
     */
    default boolean isQuery() {
        return false;
    }

    /**
     * The table a data-changing statement writes to (INSERT, UPDATE, DELETE, upsert).
     *
     * @return the table, or empty for queries and other statements
     */
    default Optional<Table> targetTable() {
        return Optional.empty();
    }

    /**
     * The names of the columns the statement returns, when the statement alone tells them (a SELECT of columns and
     * labeled expressions): a result with no rows still has its {@code keys()}, as SQLAlchemy's does.
     *
     * @return the names, or empty when only the driver's row metadata tells them
     */
    default Optional<List<String>> resultKeys() {
        return Optional.empty();
    }
}
