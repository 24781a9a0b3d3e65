package io.asyncorm.exception;

import org.jspecify.annotations.Nullable;

/**
 * The API was used in a way it does not allow: beginning a transaction twice, executing on a closed
 * connection, a streaming option on a buffered call. The message names the misuse and the fix.
 */
public class InvalidRequestError extends AsyncOrmException {

    private static final long serialVersionUID = 1L;

    /**
     * The message for work inside a transaction block ({@code begin(work)}, {@code beginNested(work)}) after the
     * work ended the block's transaction itself: SQLAlchemy's, word for word.
     */
    public static final String CLOSED_TRANSACTION_IN_BLOCK = "Can't operate on closed transaction inside context manager.  "
            + "Please complete the context manager before emitting further commands.";

    /**
     * Creates the exception.
     *
     * @param message what was misused and what to do instead
     */
    public InvalidRequestError(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what was misused and what to do instead
     * @param cause the underlying exception
     */
    public InvalidRequestError(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
