package com.promptforge.batch.job;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * {@code pf.jobs.*}: where the jobs/*.yml schedules are ({@code dir}, PF_JOBS_DIR; empty means ./jobs when it
 * exists, else the jar's own), how often a running step prints its progress ({@code progress-interval}), how
 * long a shutdown waits for running jobs to stop at a chunk boundary ({@code stop-timeout}), how long a chunk
 * step keeps retrying a chunk while the database is unreachable before the job fails ({@code db-retry-window},
 * PF_DB_RETRY_WINDOW; 0 fails at once), and how often a running execution says in the database that its process
 * is alive ({@code heartbeat-interval}, PF_HEARTBEAT_INTERVAL; {@link JobHeartbeats}).
 */
@ConfigurationProperties("pf.jobs")
public record JobsProperties(String dir, Duration progressInterval, Duration stopTimeout, Duration dbRetryWindow,
                             Duration heartbeatInterval) {

    @ConstructorBinding
    public JobsProperties {
        progressInterval = progressInterval == null ? Duration.ofSeconds(5) : progressInterval;
        stopTimeout = stopTimeout == null ? Duration.ofMinutes(2) : stopTimeout;
        dbRetryWindow = dbRetryWindow == null ? Duration.ofMinutes(2) : dbRetryWindow;
        heartbeatInterval = heartbeatInterval == null ? Duration.ofSeconds(10) : heartbeatInterval;
        if (dbRetryWindow.isNegative()) {
            throw new IllegalArgumentException("pf.jobs.db-retry-window (PF_DB_RETRY_WINDOW) must not be negative: "
                    + dbRetryWindow);
        }
        if (heartbeatInterval.compareTo(Duration.ofMillis(100)) < 0) {
            throw new IllegalArgumentException("pf.jobs.heartbeat-interval (PF_HEARTBEAT_INTERVAL) must be at least "
                    + "100ms: " + heartbeatInterval);
        }
    }

    /** Without a retry window or heartbeat interval of its own: the defaults. */
    public JobsProperties(String dir, Duration progressInterval, Duration stopTimeout) {
        this(dir, progressInterval, stopTimeout, null, null);
    }
}
