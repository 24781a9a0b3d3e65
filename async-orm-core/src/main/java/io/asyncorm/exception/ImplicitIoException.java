package io.asyncorm.exception;

/**
 * Reading an attribute needs database I/O that async-orm never does behind a getter: an unloaded
 * relationship (lazy or {@code raise}), an expired attribute or a deferred column. The message names
 * the attribute and the explicit ways to load it: a loader option such as {@code selectinload},
 * {@code AsyncAttrs.fetch(entity, attribute)} or {@code session.refresh(entity, attribute)}. The
 * analogue of SQLAlchemy's {@code MissingGreenlet} under asyncio.
 */
public class ImplicitIoException extends InvalidRequestError {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened and what to do
     */
    public ImplicitIoException(String message) {
        super(message);
    }
}
