package com.promptforge.batch.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.promptforge.batch.job.CliResult;
import com.promptforge.batch.report.s3.S3ProxyServer;
import com.promptforge.batch.testing.PromptForgeDatabase;
import com.promptforge.batch.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With a bucket as the report store, a processed request records the report's key and SHA-256 as the bucket holds it
 * and a presigned link valid PF_REQUEST_LINK_DAYS days, which downloads exactly that report.
 */
@PromptForgeDatabase
class RequestLinksTest {

    private static final UUID OWNER = UUID.fromString("22222222-0000-4000-8000-0000000000b1");

    private static S3ProxyServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3ProxyServer.start();
        server.createBucket("pf-requests");
        System.setProperty("aws.accessKeyId", S3ProxyServer.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", S3ProxyServer.SECRET_KEY);
    }

    @AfterAll
    static void stopServer() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aRequestServedFromABucketGetsAPresignedLinkToItsReport(TestDatabase db, @TempDir Path staging)
            throws Exception {
        RequestData data = new RequestData(db.jdbc());
        UUID org = data.org("linked", OWNER, 3);
        UUID request = data.request(org, OWNER, "2026-11-01", "2026-11-30");
        Map<String, Object> properties = new HashMap<>(db.applicationProperties());
        properties.put("pf.reports-dir", staging.toString());
        properties.put("pf.reports-store", "s3://pf-requests/prod");
        properties.put("pf.s3.endpoint", server.endpoint());
        properties.put("pf.s3.path-style", "true");
        properties.put("pf.requests.link-days", "3");

        CliResult result = CliResult.run(properties, "requests", "process");

        assertThat(result.exit()).as(result.toString()).isZero();
        Map<String, Object> row = db.jdbc().queryForMap("select status, report_key, sha256, download_url, "
                + "url_expires_at from public.audit_export_requests where id = ?", request);
        assertThat(row.get("status")).isEqualTo("succeeded");
        assertThat(row.get("report_key")).isEqualTo("audit/audit-org-linked-2026-11-01-2026-11-30.xlsx");
        String link = (String) row.get("download_url");
        assertThat(link).startsWith(server.endpoint() + "/pf-requests/prod/audit/audit-org-linked-")
                .doesNotContain(S3ProxyServer.SECRET_KEY);
        assertThat(((Timestamp) row.get("url_expires_at")).toInstant())
                .isCloseTo(Instant.now().plus(Duration.ofDays(3)), within(10, ChronoUnit.MINUTES));
        HttpResponse<byte[]> download = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(link)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(download.body())))
                .isEqualTo(row.get("sha256"));
    }
}
