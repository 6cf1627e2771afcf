package com.promptforge.batch.schedule;

import com.promptforge.batch.core.BadInputException;
import com.promptforge.batch.core.OneLine;
import com.promptforge.batch.job.JobConsole;
import com.promptforge.batch.job.RunSummary;
import com.promptforge.batch.notify.Notifier;
import com.promptforge.batch.notify.NotifyRule;
import com.promptforge.batch.notify.RunNotice;
import com.promptforge.batch.notify.RunNotices;
import com.promptforge.batch.report.JobReportStore;
import com.promptforge.batch.report.ReportKey;
import com.promptforge.batch.report.ReportStoreException;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.stereotype.Component;

/**
 * What follows every execution of every job, scheduled or by {@code run}/{@code restart}: its reports are
 * published (to a bucket, when PF_REPORTS_STORE names one: a refusal fails the job in one line and {@code restart}
 * publishes without recomputing), then the channels of its jobs/*.yml {@code notify:} are told how it ended, once.
 * Registered on every job by {@link JobOutcomesRegistrar}.
 */
@Component
class JobOutcomes implements JobExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(JobOutcomes.class);
    /** A link in a notification is valid this long (the longest a presigned link can be). */
    static final Duration LINK_VALIDITY = Duration.ofDays(7);

    private final JobReportStore store;
    private final JobScheduleFiles schedules;
    private final Notifier notifier;
    private final JobConsole console;

    JobOutcomes(JobReportStore store, JobScheduleFiles schedules, Notifier notifier, JobConsole console) {
        this.store = store;
        this.schedules = schedules;
        this.notifier = notifier;
        this.console = console;
    }

    @Override
    public void afterJob(JobExecution execution) {
        String job = execution.getJobInstance().getJobName();
        if (execution.getStatus() == BatchStatus.COMPLETED) {
            try {
                store.publishPending(execution, line -> console.print(job, line));
            } catch (ReportStoreException e) {
                String line = e.getMessage() + "; the finished report stays in staging: restart " + job
                        + " publishes it without recomputing";
                execution.setStatus(BatchStatus.FAILED);
                execution.setExitStatus(ExitStatus.FAILED.addExitDescription(line));
                execution.addFailureException(new ReportStoreException(line));
                for (JobReportStore.JobReport report : JobReportStore.reports(execution)) {
                    if (!report.published()) { // its figures named the store; it is in staging
                        RunSummary.renameInFigures(execution, store.location(ReportKey.parse(report.key())),
                                report.file().toString());
                    }
                }
            }
        }
        String outcome = switch (execution.getStatus()) {
            case COMPLETED -> NotifyRule.COMPLETED;
            case FAILED -> NotifyRule.FAILED;
            default -> null; // stopped: it will be restarted
        };
        if (outcome != null) {
            try {
                NotifyRule rule = rule(job);
                if (rule.covers(outcome)) {
                    notifier.notify(rule, notice(execution, outcome), line -> console.print(job, line));
                }
            } catch (RuntimeException e) { // a notification never fails the job
                log.warn("Could not notify about {} execution {}: {}", job, execution.getId(), OneLine.rootCause(e), e);
            }
        }
        if (execution.getStatus() == BatchStatus.COMPLETED) {
            store.removeStagedCopies(execution);
        }
    }

    private NotifyRule rule(String job) {
        try {
            return schedules.load().stream().filter(schedule -> schedule.job().equals(job)).findFirst()
                    .map(JobSchedule::notifications).orElse(NotifyRule.NONE);
        } catch (BadInputException e) {
            log.warn("{} notifies nobody: its schedules cannot be read: {}", job, e.getMessage());
            return NotifyRule.NONE;
        }
    }

    private RunNotice notice(JobExecution execution, String outcome) {
        List<JobReportStore.JobReport> reports = JobReportStore.reports(execution);
        // The report readers can fetch: one the store refused is not offered.
        JobReportStore.JobReport report = reports.isEmpty() || !reports.get(reports.size() - 1).published() ? null
                : reports.get(reports.size() - 1);
        String link = "";
        String location = "";
        if (report != null) {
            ReportKey key = ReportKey.parse(report.key());
            location = store.location(key);
            if (report.published() && store.linksReports()) {
                try {
                    link = store.link(key, LINK_VALIDITY);
                } catch (RuntimeException e) {
                    log.warn("No link for {}: {}", report.key(), OneLine.rootCause(e));
                }
            }
        }
        String failure = NotifyRule.FAILED.equals(outcome) ? RunSummary.failure(execution) : "";
        return RunNotices.of(execution, outcome, failure, report == null ? null : report.key(), location, link,
                report == null ? null : report.file(), report == null ? "" : report.sha256());
    }
}
