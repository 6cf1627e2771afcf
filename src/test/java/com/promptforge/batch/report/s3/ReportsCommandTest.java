package com.promptforge.batch.report.s3;

import static org.assertj.core.api.Assertions.assertThat;

import com.promptforge.batch.job.CliResult;
import com.promptforge.batch.report.ReportMetadata;
import com.promptforge.batch.testing.PromptForgeDatabase;
import com.promptforge.batch.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/** The reports command against S3Proxy (a child process) and against the reports folder. */
@PromptForgeDatabase
class ReportsCommandTest {

    private static S3ProxyServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3ProxyServer.start();
        server.createBucket("pf-reports");
        // The store's credentials come from the AWS SDK's standard chain, whose system properties a test can set.
        System.setProperty("aws.accessKeyId", S3ProxyServer.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", S3ProxyServer.SECRET_KEY);
        S3ReportStore store = new S3ReportStore(S3Location.parse("s3://pf-reports/prod"), new S3StoreSettings(
                server.endpoint(), "us-east-1", true, "when-required", DataSize.ofMegabytes(5)),
                S3ProxyServer.credentials());
        Path file = Files.createTempFile("pf-report", ".xlsx");
        Files.write(file, new byte[] {1, 2, 3, 4, 5, 6, 7});
        store.publish(file, "usage/usage-report-2026-W48.xlsx", new ReportMetadata("usage-report", 9, "", "2026-W48"));
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
    void reportsListsWhatTheBucketHoldsWithJobPeriodSizeAndSha256(TestDatabase db) throws Exception {
        CliResult result = CliResult.run(s3(db), "reports");

        assertThat(result.exit()).as(result.toString()).isZero();
        assertThat(result.out()).contains("1 report in s3://pf-reports/prod/ at " + server.endpoint())
                .containsPattern("usage-report +2026-W48 +7 B +" + sha256(new byte[] {1, 2, 3, 4, 5, 6, 7})
                        + " +usage/usage-report-2026-W48.xlsx");
    }

    @Test
    void reportsGetDownloadsTheReportAndChecksItsSha256(TestDatabase db) throws Exception {
        CliResult result = CliResult.run(s3(db), "reports", "get", "usage/usage-report-2026-W48.xlsx",
                "to=" + dir.resolve("got"));

        assertThat(result.exit()).as(result.toString()).isZero();
        assertThat(dir.resolve("got/usage-report-2026-W48.xlsx")).hasBinaryContent(new byte[] {1, 2, 3, 4, 5, 6, 7});
        assertThat(result.out()).contains("(SHA-256 checked)");
    }

    @Test
    void reportsLinkPrintsAPresignedLinkThatDownloadsTheReportAndNoSecret(TestDatabase db) throws Exception {
        CliResult result = CliResult.run(s3(db), "reports", "link", "usage/usage-report-2026-W48.xlsx", "expires=1h");

        assertThat(result.exit()).as(result.toString()).isZero();
        String link = result.out().strip();
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(link)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(new byte[] {1, 2, 3, 4, 5, 6, 7});
        assertThat(link).contains("X-Amz-Expires=3600");
        assertThat(result.out() + result.err()).doesNotContain(S3ProxyServer.SECRET_KEY);
    }

    @Test
    void aLinkLongerThanSevenDaysIsRefusedInOneLine(TestDatabase db) {
        CliResult result = CliResult.run(s3(db), "reports", "link", "usage/usage-report-2026-W48.xlsx", "expires=30d");

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err().strip()).isEqualTo("expires: 720h is not accepted: a presigned link is valid from 1"
                + " second to 7 days (e.g. expires=7d, expires=12h)");
    }

    @Test
    void anUnknownKeyFailsInOneLineNamingTheStore(TestDatabase db) {
        CliResult result = CliResult.run(s3(db), "reports", "get", "usage/nothing.xlsx", "to=" + dir);

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err()).startsWith("Failed: report store s3://pf-reports/prod/ at " + server.endpoint()
                + ": cannot download usage/nothing.xlsx: no such report (HTTP 404)");
    }

    @Test
    void theReportsFolderMakesNoLinkButSaysWhereTheReportIs(TestDatabase db) throws Exception {
        Path reports = dir.resolve("reports");
        Files.createDirectories(reports.resolve("usage"));
        Files.writeString(reports.resolve("usage/usage-report-2026-W47.xlsx"), "workbook");
        Map<String, Object> properties = new HashMap<>(db.applicationProperties());
        properties.put("pf.reports-dir", reports.toString());

        CliResult result = CliResult.run(properties, "reports", "link", "usage/usage-report-2026-W47.xlsx");

        assertThat(result.exit()).as(result.toString()).isZero();
        assertThat(result.out().strip()).isEqualTo(reports.resolve("usage/usage-report-2026-W47.xlsx")
                + " (links need an object store: PF_REPORTS_STORE=s3://bucket/prefix)");
    }

    private static Map<String, Object> s3(TestDatabase db) {
        Map<String, Object> properties = new HashMap<>(db.applicationProperties());
        properties.put("pf.reports-store", "s3://pf-reports/prod");
        properties.put("pf.s3.endpoint", server.endpoint());
        properties.put("pf.s3.path-style", "true");
        return properties;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
