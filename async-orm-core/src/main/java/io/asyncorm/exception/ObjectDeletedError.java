package io.asyncorm.exception;

/**
 * An entity's row was deleted: refreshing or loading it found no row for its primary key.
 */
public class ObjectDeletedError extends InvalidRequestError {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened and what to do
     */
    public ObjectDeletedError(String message) {
        super(message);
    }
}
