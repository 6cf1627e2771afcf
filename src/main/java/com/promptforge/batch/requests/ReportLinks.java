package com.promptforge.batch.requests;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The download link a finished request gets for its report: the seam where a report store that can sign links
 * * (S3, issue 21 section 1) plugs in ({@link StoreReportLinks}).
 */
public interface ReportLinks {

    /** A link to the report under {@code reportKey}, valid for {@code validity}; empty when the store gives none. */
    Optional<Link> linkTo(String reportKey, Duration validity);

    /** A download link and when it stops working. */
    record Link(String url, Instant expiresAt) {
    }
}
