package io.asyncorm.exception;

/**
 * Exactly one row was required ({@code one()}, {@code scalarOne()}) and there was none.
 */
public class NoResultFound extends InvalidRequestError {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with the standard message. */
    public NoResultFound() {
        super("No row was found when one was required");
    }
}
