package com.promptforge.batch.cli;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.promptforge.batch.core.ConsoleText;

/**
 * The message of every log line, console and file alike, with control characters escaped ({@link ConsoleText}):
 * logback-spring.xml puts it in place of {@code %msg}, so that data logged by any class (an org name with a
 * newline, a database error) cannot forge a log line or send escape sequences to a terminal.
 */
public class EscapedMessageConverter extends MessageConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return ConsoleText.safe(super.convert(event));
    }
}
