package io.asyncorm.exception;

/**
 * A flush matched fewer rows than it expected: an UPDATE or DELETE guarded by a {@code @Version}
 * column found the row changed or deleted by someone else (optimistic locking). The transaction is
 * rolled back; reload the entity and apply the change again.
 */
public class StaleDataError extends AsyncOrmException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened and what to do
     */
    public StaleDataError(String message) {
        super(message);
    }
}
