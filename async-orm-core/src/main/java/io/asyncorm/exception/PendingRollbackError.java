package io.asyncorm.exception;

/**
 * The connection was invalidated (or lost) inside a transaction; nothing more can run on it until
 * {@code rollback()} is called.
 */
public class PendingRollbackError extends InvalidRequestError {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened and that a rollback is needed
     */
    public PendingRollbackError(String message) {
        super(message);
    }

    /**
     * Creates the exception with the error that rolled the transaction back.
     *
     * @param message what to do
     * @param cause the original error
     */
    public PendingRollbackError(String message, @org.jspecify.annotations.Nullable Throwable cause) {
        super(message, cause);
    }
}
