package io.asyncorm.dialect;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import org.mariadb.r2dbc.api.MariadbConnection;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What {@link MariaDbDialect} needs from r2dbc-mariadb's own API (a connection's server thread id). It exists so that
 * the driver, an optional dependency, is touched only when it is on the class path.
 */
final class MariaDbDriver {

    private static final boolean PRESENT = OptionalDrivers.present("org.mariadb.r2dbc.api.MariadbConnection", MariaDbDriver.class);

    private MariaDbDriver() {
    }

    /** Kills the statement a connection runs, from a second connection; logs and completes if that fails. */
    static Mono<Void> killQuery(Connection physical, ConnectionFactory factory) {
        if (!PRESENT || !(physical instanceof MariadbConnection mariadb)) {
            return Mono.empty();
        }
        long thread = mariadb.getThreadId();
        return Mono.usingWhen(Mono.from(factory.create()),
                        killer -> Flux.from(killer.createStatement("KILL QUERY " + thread).execute())
                                .concatMap(result -> result.getRowsUpdated()).then(),
                        Connection::close, (killer, error) -> killer.close(), Connection::close)
                .onErrorResume(error -> {
                    LoggerFactory.getLogger(MariaDbDialect.class).debug("KILL QUERY {} failed: {}", thread, error.toString());
                    return Mono.empty();
                });
    }
}
