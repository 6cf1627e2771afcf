package com.promptforge.batch.job;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * {@code pf.jobs.*}: where the jobs/*.yml schedules are ({@code dir}, PF_JOBS_DIR; empty means ./jobs when it
 * exists, else the jar's own), how often a running step prints its progress ({@code progress-interval}), how
 * long a shutdown waits for running jobs to stop at a chunk boundary ({@code stop-timeout}), and how long a chunk
 * step keeps retrying a chunk while the database is unreachable before the job fails ({@code db-retry-window},
 * PF_DB_RETRY_WINDOW; 0 fails at once).
 */
@ConfigurationProperties("pf.jobs")
public record JobsProperties(String dir, Duration progressInterval, Duration stopTimeout, Duration dbRetryWindow) {

    @ConstructorBinding
    public JobsProperties {
        progressInterval = progressInterval == null ? Duration.ofSeconds(5) : progressInterval;
        stopTimeout = stopTimeout == null ? Duration.ofMinutes(2) : stopTimeout;
        dbRetryWindow = dbRetryWindow == null ? Duration.ofMinutes(2) : dbRetryWindow;
        if (dbRetryWindow.isNegative()) {
            throw new IllegalArgumentException("pf.jobs.db-retry-window (PF_DB_RETRY_WINDOW) must not be negative: "
                    + dbRetryWindow);
        }
    }

    /** Without a retry window of its own: the default. */
    public JobsProperties(String dir, Duration progressInterval, Duration stopTimeout) {
        this(dir, progressInterval, stopTimeout, null);
    }
}
