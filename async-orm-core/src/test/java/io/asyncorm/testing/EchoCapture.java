package io.asyncorm.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Records what an engine's echo log prints: create it with the engine's logging name, read
 * {@link #lines()} (or {@link #statements()} without parameter lines), and {@link #close()} it.
 */
public final class EchoCapture implements AutoCloseable {

    private final Logger logger;

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    /**
     * Starts recording.
     *
     * @param loggingName the engine's {@code EngineOptions.loggingName}
     */
    public EchoCapture(String loggingName) {
        this.logger = (Logger) LoggerFactory.getLogger("io.asyncorm.engine.Engine." + loggingName);
        this.logger.setLevel(Level.DEBUG);
        this.appender.start();
        this.logger.addAppender(this.appender);
    }

    /**
     * Everything logged so far, in order.
     *
     * @return the messages
     */
    public synchronized List<String> lines() {
        return this.appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    /**
     * Everything logged so far, with levels.
     *
     * @return the events
     */
    public synchronized List<ILoggingEvent> events() {
        return List.copyOf(this.appender.list);
    }

    /**
     * The logged lines that are statements or transaction commands, without parameter lines.
     *
     * @return the lines
     */
    public List<String> statements() {
        return lines().stream().filter(line -> !line.startsWith("[")).toList();
    }

    /** Forgets what was recorded. */
    public synchronized void clear() {
        this.appender.list.clear();
    }

    @Override
    public void close() {
        this.logger.detachAppender(this.appender);
        this.appender.stop();
    }
}
