package io.asyncorm.exception;

import org.jspecify.annotations.Nullable;

/**
 * A bad argument or configuration value: an unknown option, a value of the wrong type, a missing
 * bind parameter, a URL that is not an R2DBC URL.
 */
public class ArgumentError extends AsyncOrmException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong and what is accepted
     */
    public ArgumentError(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what is wrong and what is accepted
     * @param cause the underlying exception
     */
    public ArgumentError(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
