package com.promptforge.batch.report;

import com.promptforge.batch.report.s3.S3ReportStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * The report store the jobs publish to: the reports folder, or an S3 bucket (PF_REPORTS_STORE) with the reports
 * folder as local staging. Every report a job publishes is recorded in its job execution's context, so that what
 * follows the job (publishing to a bucket, notifications) knows it.
 *
 * <p>With a bucket, a report committed inside a step is uploaded when the job's steps are done
 * ({@link #publishPending}): an upload that fails fails the job in one line, the committed file stays in staging,
 * and {@code restart} (whose steps are complete, so nothing is recomputed) uploads it. A report published outside a
 * job goes up at once.
 */
public final class JobReportStore implements ReportStore {

    /** Job context keys: {@code pf.report.<key>} = {@code <published>|<sha256>|<file>}. */
    static final String PREFIX = "pf.report.";

    private final ReportStore staging;
    private final S3ReportStore bucket;

    /** @param bucket the bucket, or null to publish to the reports folder itself */
    public JobReportStore(ReportStore staging, S3ReportStore bucket) {
        this.staging = staging;
        this.bucket = bucket;
    }

    @Override
    public Path committedFile(ReportKey key) {
        return staging.committedFile(key);
    }

    @Override
    public String publish(CommittedReport report) {
        StepContext step = StepSynchronizationManager.getContext();
        JobExecution job = step == null ? null : step.getStepExecution().getJobExecution();
        if (bucket == null) {
            String location = staging.publish(report);
            if (job != null) {
                remember(job.getExecutionContext(), report, true);
            }
            return location;
        }
        if (job == null) {
            bucket.publish(report.file(), report.key().toString(), metadata(null, report.key()));
            return bucket.location() + report.key().toString();
        }
        remember(job.getExecutionContext(), report, false);
        return bucket.location() + report.key().toString();
    }

    @Override
    public String describe() {
        return bucket != null ? bucket.describe() : staging.describe();
    }

    /** The store as the reports command and retention see it. */
    public StoredReports stored(Path reportsDir) {
        return bucket != null ? bucket : new LocalStoredReports(reportsDir);
    }

    /** Where readers find {@code key}: its path, or its {@code s3://} location. */
    public String location(ReportKey key) {
        return bucket != null ? bucket.location() + key.toString() : staging.committedFile(key).toString();
    }

    /** Whether reports get presigned links (a bucket) rather than a path. */
    public boolean linksReports() {
        return bucket != null;
    }

    /** A presigned link to {@code key}, or empty for the reports folder. */
    public String link(ReportKey key, java.time.Duration validFor) {
        return bucket == null ? "" : bucket.link(key.toString(), validFor).orElse("");
    }

    /**
     * Uploads the reports the job committed but did not publish yet, a line each.
     *
     * @throws ReportStoreException on the first that the bucket refuses (the file stays in staging)
     */
    public void publishPending(JobExecution job, Consumer<String> output) {
        if (bucket == null) {
            return;
        }
        for (JobReport report : reports(job)) {
            if (report.published()) {
                continue;
            }
            if (!Files.isRegularFile(report.file())) {
                throw new ReportStoreException("report store " + bucket.describe() + ": cannot publish "
                        + report.key() + ": its committed file " + report.file() + " is gone: run the job again");
            }
            bucket.publish(report.file(), report.key(), metadata(job, ReportKey.parse(report.key())));
            job.getExecutionContext().putString(PREFIX + report.key(), "true|" + report.sha256() + "|" + report.file());
            output.accept("Published " + report.key() + " to " + bucket.location() + report.key());
        }
    }

    /** Removes the staging copies of the reports a bucket holds now (after notifications attached them). */
    public void removeStagedCopies(JobExecution job) {
        if (bucket == null) {
            return;
        }
        for (JobReport report : reports(job)) {
            if (report.published()) {
                try {
                    Files.deleteIfExists(report.file());
                    Files.deleteIfExists(report.file().resolveSibling(report.file().getFileName() + ".sha256"));
                } catch (IOException e) {
                    // retention removes it later
                }
            }
        }
    }

    /** The reports {@code job} committed, in key order. */
    public static List<JobReport> reports(JobExecution job) {
        Map<String, JobReport> reports = new TreeMap<>();
        for (Map.Entry<String, Object> entry : job.getExecutionContext().entrySet()) {
            if (entry.getKey().startsWith(PREFIX) && entry.getValue() instanceof String value) {
                String[] parts = value.split("\\|", 3);
                String key = entry.getKey().substring(PREFIX.length());
                reports.put(key, new JobReport(key, Boolean.parseBoolean(parts[0]), parts[1], Path.of(parts[2])));
            }
        }
        return new ArrayList<>(reports.values());
    }

    private static void remember(ExecutionContext context, CommittedReport report, boolean published) {
        context.putString(PREFIX + report.key(), published + "|" + report.sha256() + "|"
                + report.file().toAbsolutePath());
    }

    private static ReportMetadata metadata(JobExecution job, ReportKey key) {
        String org = "";
        if (job != null && job.getJobParameters().getParameter("org") != null) {
            org = String.valueOf(job.getJobParameters().getParameter("org").value());
        }
        return new ReportMetadata(job == null ? "" : job.getJobInstance().getJobName(), job == null ? 0 : job.getId(),
                org, LocalStoredReports.periodOf(key.toString()));
    }

    /**
     * One report a job committed.
     *
     * @param published whether it is where readers find it
     */
    public record JobReport(String key, boolean published, String sha256, Path file) {
    }
}
