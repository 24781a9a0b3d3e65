package io.asyncorm.dialect;

import io.r2dbc.postgresql.api.ErrorDetails;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.postgresql.api.PostgresqlException;
import io.r2dbc.spi.Connection;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * What {@link PostgresDialect} needs from r2dbc-postgresql's own API (message severity, cancel requests). It exists
 * so that the driver, an optional dependency, is touched only when it is on the class path.
 */
final class PostgresDriver {

    private static final boolean PRESENT = OptionalDrivers.present("io.r2dbc.postgresql.api.PostgresqlException", PostgresDriver.class);

    private PostgresDriver() {
    }

    /** The non-localized severity of a PostgreSQL message (ERROR, NOTICE, ...), or null when the driver does not say. */
    static @Nullable String severity(Throwable exception) {
        if (!PRESENT || !(exception instanceof PostgresqlException postgres)) {
            return null;
        }
        ErrorDetails details = postgres.getErrorDetails();
        String severity = details.getSeverityNonLocalized();
        return severity != null ? severity : details.getSeverityLocalized();
    }

    /** Sends a cancel request for what the connection runs; logs and completes if it cannot be sent. */
    static Mono<Void> cancelRequest(Connection physical) {
        if (!PRESENT || !(physical instanceof PostgresqlConnection postgres)) {
            return Mono.empty();
        }
        return Mono.defer(postgres::cancelRequest).onErrorResume(error -> {
            LoggerFactory.getLogger(PostgresDialect.class).debug("A cancel request could not be sent: {}", error.toString());
            return Mono.empty();
        });
    }
}
