package com.promptforge.batch.requests;

import com.promptforge.batch.report.JobReportStore;
import com.promptforge.batch.report.ReportKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * A finished request's download link from the configured report store: a presigned link when it is a bucket
 * (PF_REPORTS_STORE), none for the reports folder on this machine (the request then carries only the report's key).
 */
@Component
class StoreReportLinks implements ReportLinks {

    private final JobReportStore store;

    StoreReportLinks(JobReportStore store) {
        this.store = store;
    }

    @Override
    public Optional<Link> linkTo(String reportKey, Duration validity) {
        if (!store.linksReports()) {
            return Optional.empty();
        }
        Instant expiresAt = Instant.now().plus(validity);
        return Optional.of(new Link(store.link(ReportKey.parse(reportKey), validity), expiresAt));
    }
}
