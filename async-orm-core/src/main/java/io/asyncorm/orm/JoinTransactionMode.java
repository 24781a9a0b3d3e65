package io.asyncorm.orm;

/**
 * How a session bound to an outer {@link io.asyncorm.engine.AsyncConnection} takes part in that connection's
 * transaction (SQLAlchemy's {@code join_transaction_mode}). When the connection has no transaction, the session
 * begins one and owns it in every mode: its commit commits it, its rollback and close roll it back.
 *
 * <table>
 * <caption>What the session does to the outer transaction</caption>
 * <tr><th>mode</th><th>session transaction</th><th>commit()</th><th>rollback()</th><th>close()</th></tr>
 * <tr><td>{@link #CONSERVATIVE_SAVEPOINT}</td><td colspan="4">as {@link #CREATE_SAVEPOINT} when the connection
 * is inside a savepoint, else as {@link #ROLLBACK_ONLY}</td></tr>
 * <tr><td>{@link #CREATE_SAVEPOINT}</td><td>a SAVEPOINT of its own</td><td>releases it</td>
 * <td>rolls back to it</td><td>rolls back to it if still open</td></tr>
 * <tr><td>{@link #ROLLBACK_ONLY}</td><td>the outer one (innermost level)</td><td>flushes only</td>
 * <td>rolls the outer one back</td><td>leaves it open</td></tr>
 * <tr><td>{@link #CONTROL_FULLY}</td><td>the outer one (innermost level)</td><td>commits it</td>
 * <td>rolls it back</td><td>rolls it back if still open</td></tr>
 * </table>
 *
 * <p>The session never closes the outer connection. {@link #CREATE_SAVEPOINT} is the test-isolation recipe: an
 * outer transaction per test, the code under test commits freely, {@code connection.rollback()} after the test
 * undoes everything.
 */
public enum JoinTransactionMode {

    /** SQLAlchemy's default: a savepoint of its own inside an outer savepoint, else rollback-only. */
    CONSERVATIVE_SAVEPOINT,

    /** Each session transaction is a SAVEPOINT of the outer transaction. */
    CREATE_SAVEPOINT,

    /** Joins the outer transaction, never commits it, rolls it back on rollback. */
    ROLLBACK_ONLY,

    /** Joins the outer transaction and controls it: commit, rollback and close act on it. */
    CONTROL_FULLY
}
