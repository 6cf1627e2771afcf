package com.promptforge.batch.job;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code pf.jobs.*}: where the jobs/*.yml schedules are ({@code dir}, PF_JOBS_DIR; empty means ./jobs when it
 * exists, else the jar's own), how often a running step prints its progress ({@code progress-interval}), and how
 * long a shutdown waits for running jobs to stop at a chunk boundary ({@code stop-timeout}).
 */
@ConfigurationProperties("pf.jobs")
public record JobsProperties(String dir, Duration progressInterval, Duration stopTimeout) {

    public JobsProperties {
        progressInterval = progressInterval == null ? Duration.ofSeconds(5) : progressInterval;
        stopTimeout = stopTimeout == null ? Duration.ofMinutes(2) : stopTimeout;
    }
}
