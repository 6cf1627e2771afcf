package com.promptforge.batch.requests;

import com.promptforge.batch.core.BadInputException;
import com.promptforge.batch.core.OneLine;
import com.promptforge.batch.job.JobRefusedException;
import com.promptforge.batch.job.JobRunner;
import com.promptforge.batch.job.RunSummary;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Component;

/**
 * Works the queue of audit export requests (public.audit_export_requests, 019): claims the oldest queued request,
 * runs {@value #JOB} for its organization and period through {@link JobRunner} (so the job's lock, progress line,
 * restart and the reports folder's retention apply as for any run), writes the outcome into the request, and goes
 * on until the queue is empty.
 * <ul>
 *   <li>Completed: succeeded, with the report's key, SHA-256, rows per sheet and (where the store gives one) a
 *       download link valid {@code PF_REQUEST_LINK_DAYS} days.</li>
 *   <li>Failed: failed, with the run's one-line reason.</li>
 *   <li>Not started because {@value #JOB} is running (a scheduled export, or another process's request), or stopped
 *       by a shutdown: back in the queue, and this round ends; the next poll (here or elsewhere) takes it.</li>
 * </ul>
 * Each claim is one statement with {@code FOR UPDATE SKIP LOCKED}, so several processes never claim the same
 * request. The claiming connection holds the request's advisory lock while this process works on it; a round first
 * fails the running requests nobody holds (their process died), so they do not stay running forever.
 */
@Component
public class ExportRequestProcessor {

    static final String JOB = "audit-export";
    static final String ABANDONED = "the process running this export stopped before it finished "
            + "(killed or cut off from the database); request the export again";

    private static final Logger log = LoggerFactory.getLogger(ExportRequestProcessor.class);

    private final DataSource dataSource;
    private final NamedParameterJdbcTemplate jdbc;
    private final JobRunner runner;
    private final ReportLinks links;
    private final Duration linkValidity;

    ExportRequestProcessor(DataSource dataSource, JobRunner runner, ReportLinks links,
                           @Value("${pf.requests.link-days:7}") String linkDays) {
        this.dataSource = dataSource;
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        this.runner = runner;
        this.links = links;
        this.linkValidity = Duration.ofDays(days(linkDays));
    }

    private static long days(String setting) {
        try {
            long days = Long.parseLong(setting.strip());
            if (days >= 1 && days <= 3650) {
                return days;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadInputException("PF_REQUEST_LINK_DAYS: '" + setting + "' is not a number of days: expected a "
                + "whole number from 1 to 3650 (default 7)");
    }

    /** What one round did. */
    public record Round(int succeeded, int failed, int requeued, int abandoned) {

        public boolean anyFailed() {
            return failed > 0 || abandoned > 0;
        }

        public String describe() {
            return "requests: " + succeeded + " succeeded, " + failed + " failed, " + requeued + " back in the queue"
                    + (abandoned > 0 ? ", " + abandoned + " left running by a stopped process marked failed" : "");
        }
    }

    /** Processes queued requests until none is left (or the job is busy elsewhere); one line per request. */
    public Round processQueue(Consumer<String> output) {
        List<UUID> abandoned = ExportRequestQueue.failAbandoned(jdbc, ABANDONED);
        abandoned.forEach(id -> output.accept("Request " + id + " was left running by a process that is gone: "
                + "marked failed"));
        int succeeded = 0;
        int failed = 0;
        int requeued = 0;
        while (true) {
            Outcome outcome = processNext(output);
            switch (outcome) {
                case NONE -> {
                    return new Round(succeeded, failed, requeued, abandoned.size());
                }
                case SUCCEEDED -> succeeded++;
                case FAILED -> failed++;
                case REQUEUED -> {
                    return new Round(succeeded, failed, requeued + 1, abandoned.size());
                }
            }
        }
    }

    private enum Outcome { NONE, SUCCEEDED, FAILED, REQUEUED }

    private Outcome processNext(Consumer<String> output) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            NamedParameterJdbcTemplate held = new NamedParameterJdbcTemplate(
                    new SingleConnectionDataSource(connection, true));
            Optional<ClaimedRequest> claimed = ExportRequestQueue.claimNext(held);
            if (claimed.isEmpty()) {
                return Outcome.NONE;
            }
            ClaimedRequest request = claimed.get();
            try {
                return process(request, held, output);
            } finally {
                ExportRequestQueue.releaseLock(held, request.id());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the database for the request queue: " + e.getMessage(), e);
        }
    }

    private Outcome process(ClaimedRequest request, NamedParameterJdbcTemplate held, Consumer<String> output) {
        output.accept("Processing " + request.describe());
        // The identifying launch time is the claim's time: the execution can be told apart from any other run.
        LocalDateTime launchTime = request.startedAt().withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        Map<String, String> parameters = Map.of("org", request.orgId().toString(),
                "from", request.from().toString(), "to", request.to().toString());
        JobExecution execution;
        try {
            execution = runner.run(JOB, parameters, "request " + request.id(), launchTime, output);
        } catch (JobRefusedException e) {
            ExportRequestQueue.requeue(held, request.id());
            output.accept("Request " + request.id() + " back in the queue: " + e.getMessage());
            return Outcome.REQUEUED;
        } catch (RuntimeException e) {
            return fail(request, held, OneLine.rootCause(e), output);
        }
        if (execution.getStatus() == BatchStatus.STOPPED) {
            ExportRequestQueue.requeue(held, request.id());
            output.accept("Request " + request.id() + " back in the queue: its export was stopped");
            return Outcome.REQUEUED;
        }
        if (execution.getStatus() != BatchStatus.COMPLETED) {
            return fail(request, held, RunSummary.failure(execution), output);
        }
        try {
            ExportOutcome outcome = ExportOutcome.of(execution);
            Optional<ReportLinks.Link> link = links.linkTo(outcome.reportKey(), linkValidity);
            if (!ExportRequestQueue.recordSuccess(held, request.id(), outcome, link)) {
                output.accept("Request " + request.id() + " is no longer running (changed meanwhile); its outcome "
                        + "was not written");
                return Outcome.FAILED;
            }
            output.accept("Request " + request.id() + " succeeded: " + outcome.reportKey());
            return Outcome.SUCCEEDED;
        } catch (Exception e) {
            log.warn("Could not record the outcome of {}", request.describe(), e);
            return fail(request, held, "the export completed but its report could not be read: "
                    + OneLine.rootCause(e), output);
        }
    }

    private static Outcome fail(ClaimedRequest request, NamedParameterJdbcTemplate held, String reason,
                                Consumer<String> output) {
        String error = OneLine.of(reason);
        ExportRequestQueue.recordFailure(held, request.id(), error);
        output.accept("Request " + request.id() + " failed: " + error);
        return Outcome.FAILED;
    }
}
