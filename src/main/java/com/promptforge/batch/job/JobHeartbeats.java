package com.promptforge.batch.job;

import com.promptforge.batch.core.DurationText;
import com.promptforge.batch.core.HostName;
import com.promptforge.batch.db.SqlResources;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The heartbeats of the executions this process runs, in {@code batch.job_heartbeats} (sql/024): a row per running
 * execution with this host and pid, written when it starts, refreshed every {@code pf.jobs.heartbeat-interval}
 * (PF_HEARTBEAT_INTERVAL) from a timer thread on a pooled connection (never the run lock's), deleted when it ends.
 * {@link AbandonedExecutions} reads them to tell an execution whose process is gone from one that still runs.
 */
@Component
class JobHeartbeats implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(JobHeartbeats.class);

    /** A beat older than this many intervals is stale: its process stopped beating. */
    static final int STALE_AFTER_INTERVALS = 3;

    private static final String BEAT = SqlResources.statement(JobHeartbeats.class, "heartbeat_beat.sql");
    private static final String END = SqlResources.statement(JobHeartbeats.class, "heartbeat_end.sql");
    private static final String OF_EXECUTION = SqlResources.statement(JobHeartbeats.class,
            "heartbeat_of_execution.sql");

    private final NamedParameterJdbcTemplate jdbc;
    private final Duration interval;
    private final String host = HostName.current();
    private final long pid = ProcessHandle.current().pid();
    private final Map<Long, ScheduledFuture<?>> beating = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "job-heartbeat");
        thread.setDaemon(true);
        return thread;
    });

    JobHeartbeats(DataSource dataSource, JobsProperties properties) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        this.interval = properties.heartbeatInterval();
    }

    /** Beats for {@code execution} now and every interval until {@link #stop}. */
    void start(JobExecution execution) {
        MapSqlParameterSource beat = identity(execution.getId())
                .addValue("job", execution.getJobInstance().getJobName());
        Beats beats = new Beats(execution.getJobInstance().getJobName(), execution.getId(), beat);
        beats.run();
        long period = interval.toMillis();
        beating.put(execution.getId(), timer.scheduleAtFixedRate(beats, period, period, TimeUnit.MILLISECONDS));
    }

    /** Stops beating for execution {@code executionId} and deletes its row; nothing when it does not beat. */
    void stop(long executionId) {
        ScheduledFuture<?> beats = beating.remove(executionId);
        if (beats == null) {
            return;
        }
        beats.cancel(false);
        try {
            jdbc.update(END, identity(executionId));
        } catch (RuntimeException e) {
            // Handled by design: a row left behind stops being refreshed, so it goes stale and is judged as such.
            log.warn("Could not delete the heartbeat of execution {}; it goes stale in {}: {}", executionId,
                    DurationText.compact(staleAfter()), e.toString(), e);
        }
    }

    /** Whether this process beats for execution {@code executionId} now. */
    boolean beatsHere(long executionId) {
        return beating.containsKey(executionId);
    }

    /** The heartbeat of execution {@code executionId}, when one was written and not deleted. */
    Optional<Heartbeat> of(long executionId) {
        return jdbc.query(OF_EXECUTION, Map.of("execution", executionId), (row, n) -> new Heartbeat(
                        row.getLong("job_execution_id"), row.getString("job_name"), row.getString("host"),
                        row.getLong("pid"), row.getTimestamp("started_at").toInstant(),
                        row.getTimestamp("last_beat").toInstant(), Duration.ofMillis(row.getLong("age_ms"))))
                .stream().findFirst();
    }

    /** How old a beat may be before its process counts as gone: {@value #STALE_AFTER_INTERVALS} intervals. */
    Duration staleAfter() {
        return interval.multipliedBy(STALE_AFTER_INTERVALS);
    }

    /** This process's host name, as its beats carry it. */
    String host() {
        return host;
    }

    /** This process's id, as its beats carry it. */
    long pid() {
        return pid;
    }

    @Override
    public void destroy() {
        beating.keySet().forEach(this::stop);
        timer.shutdownNow();
    }

    private MapSqlParameterSource identity(long executionId) {
        return new MapSqlParameterSource(Map.of("execution", executionId, "host", host, "pid", pid));
    }

    /** One execution's beats; a failed beat is logged once until a beat gets through again. */
    private final class Beats implements Runnable {
        private final String jobName;
        private final long executionId;
        private final MapSqlParameterSource parameters;
        private boolean failing;

        Beats(String jobName, long executionId, MapSqlParameterSource parameters) {
            this.jobName = jobName;
            this.executionId = executionId;
            this.parameters = parameters;
        }

        @Override
        public void run() {
            try {
                jdbc.update(BEAT, parameters);
                if (failing) {
                    log.warn("{} execution {}: its heartbeat gets through again", jobName, executionId);
                    failing = false;
                }
            } catch (RuntimeException e) {
                // Handled by design: the timer goes on (a thrown exception would cancel it); the next beat may pass.
                if (!failing) {
                    log.warn("{} execution {}: could not write its heartbeat (a run elsewhere may take the execution "
                            + "for abandoned once the beat is {} old): {}", jobName, executionId,
                            DurationText.compact(staleAfter()), e.toString(), e);
                    failing = true;
                }
            }
        }
    }

    /** A row of {@code batch.job_heartbeats}; {@code age} is measured on the database server's clock. */
    record Heartbeat(long executionId, String jobName, String host, long pid, Instant started, Instant lastBeat,
                     Duration age) {
    }
}
