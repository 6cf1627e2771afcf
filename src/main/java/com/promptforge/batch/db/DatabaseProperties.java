package com.promptforge.batch.db;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code pf.db.*}: PF_DB_URL, PF_DB_USER, PF_DB_PASSWORD select a server; without a URL the embedded
 * PostgreSQL keeps its data under {@code embedded-dir} (PF_EMBEDDED_DIR, default {@code .promptforge}).
 * {@code read-url} (PF_READ_DB_URL) names a read replica of that server for the jobs that only read, refused when it
 * is more than {@code read-max-lag} (PF_READ_MAX_LAG, default 5m) behind ({@link ReadDatabase}).
 */
@ConfigurationProperties("pf.db")
public record DatabaseProperties(String url, String user, String password, String embeddedDir,
                                 String embeddedDatabase, int poolSize, String readUrl,
                                 String readMaxLag) {

    public boolean embedded() {
        return url == null || url.isBlank();
    }

    /** Whether PF_READ_DB_URL names a read replica. */
    public boolean readReplica() {
        return readUrl != null && !readUrl.isBlank();
    }
}
