package io.asyncorm.exception;

/**
 * An operation needs the session of an entity that belongs to none (closed, expunged or never added):
 * loading one of its attributes, for example. Attributes that are loaded stay readable.
 */
public class DetachedInstanceError extends InvalidRequestError {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened and what to do
     */
    public DetachedInstanceError(String message) {
        super(message);
    }
}
