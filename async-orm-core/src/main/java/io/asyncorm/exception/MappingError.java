package io.asyncorm.exception;

/**
 * An entity class cannot be mapped: a missing {@code @Id}, an unknown {@code mappedBy}, a relationship
 * to a class outside the registry, an unsupported annotation. Raised when the {@code Registry} is
 * built, naming the class and the field.
 */
public class MappingError extends ArgumentError {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened and what to do
     */
    public MappingError(String message) {
        super(message);
    }
}
