package io.asyncorm.engine;

import java.util.ArrayDeque;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The bookkeeping of a connection's transactions: the root transaction, the savepoints inside it
 * (innermost on top) and savepoint names. Ending a transaction ends every savepoint inside it. It does
 * no I/O; {@link ConnectionTransactions} sends the commands.
 */
final class TransactionStack {

    private @Nullable DefaultAsyncTransaction root;

    // Savepoints are rare: a small deque, not the default 16 slots, for every connection.
    private final ArrayDeque<DefaultAsyncTransaction> savepoints = new ArrayDeque<>(2);

    private int savepointCounter;

    @Nullable DefaultAsyncTransaction root() {
        return this.root;
    }

    DefaultAsyncTransaction beginRoot(ConnectionTransactions commands) {
        this.root = new DefaultAsyncTransaction(commands, null);
        return this.root;
    }

    String nextSavepointName() {
        return "sp_" + (++this.savepointCounter);
    }

    DefaultAsyncTransaction pushSavepoint(ConnectionTransactions commands, String name) {
        DefaultAsyncTransaction savepoint = new DefaultAsyncTransaction(commands, name);
        this.savepoints.push(savepoint);
        return savepoint;
    }

    Optional<AsyncTransaction> innermostSavepoint() {
        return Optional.ofNullable(this.savepoints.peek());
    }

    boolean inSavepoint() {
        return !this.savepoints.isEmpty();
    }

    /** Ends a savepoint and the savepoints begun inside it. */
    void endSavepoint(DefaultAsyncTransaction savepoint) {
        while (!this.savepoints.isEmpty()) {
            DefaultAsyncTransaction top = this.savepoints.pop();
            top.deactivate();
            if (top == savepoint) {
                return;
            }
        }
    }

    /** Ends the root transaction and every savepoint. */
    void endAll() {
        this.savepoints.forEach(DefaultAsyncTransaction::deactivate);
        this.savepoints.clear();
        if (this.root != null) {
            this.root.deactivate();
            this.root = null;
        }
    }
}
