package io.asyncorm.exception;

import org.jspecify.annotations.Nullable;

/**
 * Root of every exception async-orm raises; unchecked, so it travels through Reactor signals unchanged.
 *
 * <p>Catch a subclass to react to one kind of failure ({@link IntegrityError}, {@link NoResultFound},
 * {@link PoolTimeoutError}...); catch this type to handle any failure of the data layer.
 */
public class AsyncOrmException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message.
     *
     * @param message what went wrong and, where possible, what to do
     */
    public AsyncOrmException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and the cause it translates.
     *
     * @param message what went wrong and, where possible, what to do
     * @param cause the underlying exception, usually the driver's
     */
    public AsyncOrmException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
