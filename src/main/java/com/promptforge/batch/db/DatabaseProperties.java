package com.promptforge.batch.db;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code pf.db.*}: PF_DB_URL, PF_DB_USER, PF_DB_PASSWORD select a server; without a URL the embedded
 * PostgreSQL keeps its data under {@code embedded-dir} (PF_EMBEDDED_DIR, default {@code .promptforge}).
 */
@ConfigurationProperties("pf.db")
public record DatabaseProperties(String url, String user, String password, String embeddedDir,
                                 String embeddedDatabase, int poolSize) {

    public boolean embedded() {
        return url == null || url.isBlank();
    }
}
