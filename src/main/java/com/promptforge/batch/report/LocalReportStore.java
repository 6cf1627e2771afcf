package com.promptforge.batch.report;

import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The reports folder, {@code PF_REPORTS_DIR} ({@code pf.reports-dir}): a report is committed straight into
 * {@code <reports folder>/<folder>/<file>}, so committing it is publishing it.
 */
@Component
public class LocalReportStore implements ReportStore {

    private final Path reportsDir;

    @Autowired
    LocalReportStore(@Value("${pf.reports-dir}") String reportsDir) {
        this(Path.of(reportsDir));
    }

    public LocalReportStore(Path reportsDir) {
        this.reportsDir = reportsDir;
    }

    @Override
    public Path committedFile(ReportKey key) {
        return key.in(reportsDir);
    }

    @Override
    public String publish(CommittedReport report) {
        return report.file().toString();
    }

    @Override
    public String describe() {
        return "reports folder " + reportsDir;
    }
}
