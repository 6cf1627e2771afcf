package com.promptforge.batch.requests;

import java.time.Duration;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The reports folder on this machine (PF_REPORTS_DIR) gives no download link: a request records the report's key
 * (its path in the folder) and leaves download_url and url_expires_at null. The S3 report store (issue 21,
 * section 1) replaces this bean with one that presigns a link.
 */
@Component
class LocalReportLinks implements ReportLinks {

    @Override
    public Optional<Link> linkTo(String reportKey, Duration validity) {
        return Optional.empty();
    }
}
