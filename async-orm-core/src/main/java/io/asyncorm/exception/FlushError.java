package io.asyncorm.exception;

/**
 * The unit of work cannot be flushed as it stands: two objects with the same identity, a required
 * reference left null, a cycle of required foreign keys. Nothing was written.
 */
public class FlushError extends InvalidRequestError {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened and what to do
     */
    public FlushError(String message) {
        super(message);
    }
}
