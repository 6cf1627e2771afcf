package com.promptforge.batch.report.s3;

import com.promptforge.batch.core.BadInputException;

/**
 * Where the S3 store keeps the reports: {@code s3://bucket/prefix} (PF_REPORTS_STORE). The prefix is empty or ends
 * in one {@code /}, so that a report's key is the prefix followed by its path under the reports folder.
 */
public record S3Location(String bucket, String prefix) {

    static final String SCHEME = "s3://";

    /** @throws BadInputException when {@code uri} is not {@code s3://bucket[/prefix]} */
    public static S3Location parse(String uri) {
        String accepted = "expected s3://bucket or s3://bucket/prefix (a bucket name of 3-63 lowercase letters, digits,"
                + " dots and hyphens)";
        if (uri == null || !uri.startsWith(SCHEME)) {
            throw new BadInputException("PF_REPORTS_STORE: '" + uri + "' is not an S3 location: " + accepted);
        }
        String rest = uri.substring(SCHEME.length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String prefix = slash < 0 ? "" : rest.substring(slash + 1).replaceAll("/+", "/").replaceAll("^/|/$", "");
        if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            throw new BadInputException("PF_REPORTS_STORE: '" + uri + "' has no valid bucket name: " + accepted);
        }
        return new S3Location(bucket, prefix.isEmpty() ? "" : prefix + "/");
    }

    /** The object key of a report path under the reports folder ({@code usage/usage-report-2026-W48.xlsx}). */
    public String key(String reportPath) {
        return prefix + reportPath;
    }

    /** The report path of an object key under the prefix. */
    public String reportPath(String key) {
        return key.startsWith(prefix) ? key.substring(prefix.length()) : key;
    }

    @Override
    public String toString() {
        return SCHEME + bucket + "/" + prefix;
    }
}
