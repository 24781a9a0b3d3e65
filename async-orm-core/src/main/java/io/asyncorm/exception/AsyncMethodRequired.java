package io.asyncorm.exception;

/**
 * A buffered method was asked for something only a streaming method can give, such as a
 * server-side cursor ({@code streamResults} or {@code yieldPer} on {@code execute}): use
 * {@code stream()} instead.
 */
public class AsyncMethodRequired extends InvalidRequestError {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message which method was called and which one to call instead
     */
    public AsyncMethodRequired(String message) {
        super(message);
    }
}
