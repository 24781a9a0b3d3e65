package io.asyncorm.exception;

/**
 * A session has no engine to run a statement on: no bind was configured for it, nor for the entity
 * the statement is about.
 */
public class UnboundExecutionError extends InvalidRequestError {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened and what to do
     */
    public UnboundExecutionError(String message) {
        super(message);
    }
}
