package io.asyncorm.exception;

/**
 * At most one row was required ({@code one()}, {@code oneOrNone()} and their scalar forms) and there
 * were more.
 */
public class MultipleResultsFound extends InvalidRequestError {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message "...when exactly one was required" or "...when one or none was required"
     */
    public MultipleResultsFound(String message) {
        super(message);
    }

    /**
     * The exception for {@code one()} and {@code scalarOne()}.
     *
     * @return a new exception
     */
    public static MultipleResultsFound exactlyOne() {
        return new MultipleResultsFound("Multiple rows were found when exactly one was required");
    }

    /**
     * The exception for {@code oneOrNone()} and {@code scalarOneOrNone()}.
     *
     * @return a new exception
     */
    public static MultipleResultsFound oneOrNone() {
        return new MultipleResultsFound("Multiple rows were found when one or none was required");
    }
}
