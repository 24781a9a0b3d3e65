package io.asyncorm.exception;

/**
 * An operation was attempted on a connection, transaction or result that is already closed.
 */
public class ResourceClosedError extends InvalidRequestError {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message which resource is closed
     */
    public ResourceClosedError(String message) {
        super(message);
    }
}
