package io.asyncorm.engine;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's statement log: each statement with its parameters, and each BEGIN, COMMIT, ROLLBACK
 * and SAVEPOINT, in the order they are sent, at INFO when {@code echo} is on and at DEBUG otherwise; and the
 * notices and warnings the database sends with results.
 */
final class Echo {

    static final String LOGGER = "io.asyncorm.engine.Engine";

    private final Logger logger;

    private final boolean info;

    private final boolean hideParameters;

    Echo(EngineOptions options) {
        String name = options.loggingName();
        this.logger = LoggerFactory.getLogger(name == null ? LOGGER : LOGGER + "." + name);
        this.info = options.echo();
        this.hideParameters = options.hideParameters();
    }

    void line(String text) {
        if (this.info) {
            this.logger.info(text);
        } else if (this.logger.isDebugEnabled()) {
            this.logger.debug(text);
        }
    }

    void statement(String sql, List<Map<String, ?>> parameters) {
        if (!this.info && !this.logger.isDebugEnabled()) {
            return;
        }
        line(sql);
        if (!parameters.isEmpty()) {
            line(describe(parameters));
        }
    }

    /** Logs a notice or warning the database sent with a statement's results: warnings at WARN, notices at DEBUG. */
    void notice(io.asyncorm.dialect.Dialect.Severity severity, @Nullable String sqlState, String message) {
        if (severity == io.asyncorm.dialect.Dialect.Severity.WARNING) {
            this.logger.warn("Database warning [{}]: {}", sqlState, message);
        } else if (this.logger.isDebugEnabled()) {
            this.logger.debug("Database notice [{}]: {}", sqlState, message);
        }
    }

    String describe(List<Map<String, ?>> parameters) {
        if (this.hideParameters) {
            return "[SQL parameters hidden due to hideParameters=true]";
        }
        return "[parameters] " + (parameters.size() == 1 ? parameters.get(0).toString() : parameters.toString());
    }
}
