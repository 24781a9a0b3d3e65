package io.asyncorm.exception;

/**
 * A class, or an instance of one, was used with a session whose registry does not map it. Add the
 * class to {@code Registry.of(...)}.
 */
public class UnmappedClassError extends InvalidRequestError {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened and what to do
     */
    public UnmappedClassError(String message) {
        super(message);
    }
}
