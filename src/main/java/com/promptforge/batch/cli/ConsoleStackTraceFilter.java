package com.promptforge.batch.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Keeps stack traces off the console unless {@code PF_DEBUG=true}: a log event that carries one, and Spring
 * Batch's own error lines about a failing step or job, go only to the log file ({@code logging.file.name},
 * default {@code logs/promptforge-batch.log}); the run's summary reports the failure in one line and names that
 * file. Used by {@code logback-spring.xml} on the console appender.
 */
public class ConsoleStackTraceFilter extends Filter<ILoggingEvent> {

    private final boolean debug = Boolean.parseBoolean(System.getenv("PF_DEBUG"));

    @Override
    public FilterReply decide(ILoggingEvent event) {
        if (debug) {
            return FilterReply.NEUTRAL;
        }
        boolean batchError = event.getLevel().isGreaterOrEqual(Level.ERROR)
                && event.getLoggerName().startsWith("org.springframework.batch.");
        return event.getThrowableProxy() != null || batchError ? FilterReply.DENY : FilterReply.NEUTRAL;
    }
}
