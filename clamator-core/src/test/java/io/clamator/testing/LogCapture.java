package io.clamator.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Collects what one logger logs during a test. */
public final class LogCapture implements AutoCloseable {

    private final Logger logger;
    private final Level configuredLevel;
    private final boolean configuredAdditivity;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    /** Captures every level, whatever the test's logging configuration, and prints nothing of it, until closed. */
    private LogCapture(String loggerName) {
        logger = (Logger) LoggerFactory.getLogger(loggerName);
        configuredLevel = logger.getLevel();
        configuredAdditivity = logger.isAdditive();
        logger.setLevel(Level.DEBUG);
        logger.setAdditive(false);
        appender.start();
        logger.addAppender(appender);
    }

    public static LogCapture of(Class<?> source) {
        return new LogCapture(source.getName());
    }

    /** What a logger logs, named as a string: for classes a test cannot see. */
    public static LogCapture of(String loggerName) {
        return new LogCapture(loggerName);
    }

    public List<ILoggingEvent> events() {
        return List.copyOf(appender.list);
    }

    /** The formatted messages, in order. */
    public List<String> messages() {
        return events().stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    public List<ILoggingEvent> at(Level level) {
        return events().stream().filter(event -> event.getLevel() == level).toList();
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        logger.setLevel(configuredLevel);
        logger.setAdditive(configuredAdditivity);
    }
}
