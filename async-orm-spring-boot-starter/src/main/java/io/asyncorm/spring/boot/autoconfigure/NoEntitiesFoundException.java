package io.asyncorm.spring.boot.autoconfigure;

/** No {@code @Entity} class was found where the starter scans; {@link AsyncOrmFailureAnalyzer} explains the fix. */
final class NoEntitiesFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    NoEntitiesFoundException() {
        super("No @Entity classes found in the packages async-orm scans");
    }
}
