package com.promptforge.batch.notify;

import com.promptforge.batch.job.RunSummary;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.batch.core.job.JobExecution;

/** A {@link RunNotice} from a finished execution: its summary figures, its report and the report's findings. */
public final class RunNotices {

    private RunNotices() {
    }

    /**
     * @param reportKey  the report's key, or null when the execution wrote none
     * @param reportFile the report as a local file, or null
     */
    public static RunNotice of(JobExecution execution, String outcome, String failure, String reportKey,
                               String location, String link, Path reportFile, String sha256) {
        Map<String, String> figures = RunSummary.figures(execution);
        String period = periodOf(figures, reportKey);
        return new RunNotice(execution.getJobInstance().getJobName(), execution.getId(), outcome, period, failure,
                reportKey == null ? "" : reportKey, location, link, reportFile, sha256, figures,
                reportFile == null ? java.util.List.of() : WorkbookFindings.read(reportFile));
    }

    private static String periodOf(Map<String, String> figures, String reportKey) {
        for (String label : new String[] {"week", "period (UTC)"}) {
            if (figures.containsKey(label)) {
                return figures.get(label).replace(", inclusive", "");
            }
        }
        return reportKey == null ? "" : com.promptforge.batch.report.LocalStoredReports.periodOf(reportKey);
    }
}
