package com.promptforge.batch.job;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Where the lines about a running job go: to whoever started it (the terminal of {@code run}) while it runs, else
 * to the log (scheduled runs). Keyed by job name, which is unique among running jobs (one run per job at a time).
 */
@Component
public class JobConsole {

    private static final Logger log = LoggerFactory.getLogger(JobConsole.class);

    private final Map<String, Consumer<String>> outputs = new ConcurrentHashMap<>();

    /** Sends the lines about {@code jobName} to {@code output} until the returned handle is closed. */
    Attachment attach(String jobName, Consumer<String> output) {
        outputs.put(jobName, output);
        return () -> outputs.remove(jobName, output);
    }

    /** Prints one line about {@code jobName}. */
    public void print(String jobName, String line) {
        Consumer<String> output = outputs.get(jobName);
        if (output != null) {
            output.accept(line);
        } else {
            log.info(line);
        }
    }

    /** Prints one line that needs attention about {@code jobName}: to its output, else to the log as a warning. */
    public void warn(String jobName, String line) {
        Consumer<String> output = outputs.get(jobName);
        if (output != null) {
            output.accept(line);
        } else {
            log.warn(line);
        }
    }

    interface Attachment extends AutoCloseable {
        @Override
        void close();
    }
}
