package com.promptforge.batch.requests;

import com.promptforge.batch.core.BadInputException;
import com.promptforge.batch.job.JobsProperties;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.stereotype.Component;

/**
 * The scheduler daemon's side of the request queue: every {@code PF_REQUEST_POLL_INTERVAL} (default 30s, at most
 * 60s, so that a request starts within a minute) one round of {@link ExportRequestProcessor#processQueue}, on a
 * thread of its own. Every scheduler process polls; the claim's {@code SKIP LOCKED} lets each request go to one of
 * them.
 */
@Component
public class ExportRequestPoller implements AutoCloseable {

    static final Duration MAX_INTERVAL = Duration.ofSeconds(60);

    private static final Logger log = LoggerFactory.getLogger(ExportRequestPoller.class);

    private final ExportRequestProcessor processor;
    private final String interval;
    private final Duration stopTimeout;
    private ScheduledExecutorService executor;

    ExportRequestPoller(ExportRequestProcessor processor,
                        @Value("${pf.requests.poll-interval:30s}") String interval, JobsProperties jobs) {
        this.processor = processor;
        this.interval = interval == null ? "" : interval.strip();
        this.stopTimeout = jobs.stopTimeout();
    }

    /**
     * The poll interval.
     *
     * @throws BadInputException when the setting is not a duration from 1s to 60s
     */
    public Duration interval() {
        Duration parsed = null;
        try {
            parsed = DurationStyle.detectAndParse(interval);
        } catch (IllegalArgumentException e) {
            // reported below
        }
        if (parsed == null || parsed.compareTo(Duration.ofSeconds(1)) < 0 || parsed.compareTo(MAX_INTERVAL) > 0) {
            throw new BadInputException("PF_REQUEST_POLL_INTERVAL: '" + interval + "' is not accepted: expected a "
                    + "duration from 1s to 60s such as 30s");
        }
        return parsed;
    }

    /** Starts polling now and then every interval; lines of what was processed go to {@code output}. */
    public synchronized void start(Consumer<String> output) {
        Duration every = interval();
        executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "export-requests");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(() -> poll(output), 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void poll(Consumer<String> output) {
        try {
            ExportRequestProcessor.Round round = processor.processQueue(output);
            if (round.succeeded() + round.failed() + round.abandoned() > 0) {
                output.accept(round.describe());
            }
        } catch (RuntimeException e) {
            // the next poll tries again (e.g. the database is back)
            log.warn("Polling the audit export requests failed: {}", e.getMessage());
        }
    }

    /**
     * Stops polling and waits for the round in progress: its job stops with the application (JobRunner stops running
     * jobs at a chunk boundary on shutdown), and the round then puts the request back in the queue while the
     * database is still there.
     */
    @Override
    public synchronized void close() {
        if (executor == null) {
            return;
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(stopTimeout.toMillis() + 10_000, TimeUnit.MILLISECONDS)) {
                log.warn("The audit export request in progress did not finish within {}", stopTimeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor = null;
    }
}
