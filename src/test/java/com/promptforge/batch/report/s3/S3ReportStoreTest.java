package com.promptforge.batch.report.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.promptforge.batch.report.ReportMetadata;
import com.promptforge.batch.report.ReportStoreException;
import com.promptforge.batch.report.StoredReport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/** The S3 report store against S3Proxy on loopback (a child process). */
class S3ReportStoreTest {

    private static S3ProxyServer server;
    private static int buckets;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3ProxyServer.start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aPublishedReportCarriesItsSha256AndMetadataAndASidecarObject() throws Exception {
        S3ReportStore store = store(newBucket(), "prod/reports");
        Path file = file("usage-report-2026-W48.xlsx", 40_000);

        String sha256 = store.publish(file, "usage/usage-report-2026-W48.xlsx",
                new ReportMetadata("usage-report", 42, "acme", "2026-W48"));

        assertThat(sha256).isEqualTo(sha256Of(file));
        try (S3Client client = server.client()) {
            HeadObjectResponse head = client.headObject(request -> request.bucket(store.location().bucket())
                    .key("prod/reports/usage/usage-report-2026-W48.xlsx"));
            assertThat(head.metadata()).containsEntry("job", "usage-report").containsEntry("execution-id", "42")
                    .containsEntry("org", "acme").containsEntry("period", "2026-W48").containsEntry("sha256", sha256);
            assertThat(head.contentLength()).isEqualTo(Files.size(file));
            String sidecar = client.getObjectAsBytes(request -> request.bucket(store.location().bucket())
                    .key("prod/reports/usage/usage-report-2026-W48.xlsx.sha256")).asUtf8String();
            assertThat(sidecar).isEqualTo(sha256 + "  usage-report-2026-W48.xlsx\n");
        }
    }

    @Test
    void theStoreRefusesBytesThatDoNotMatchTheContentMd5SentWithThem() {
        String bucket = newBucket();
        byte[] bytes = "the report".getBytes(StandardCharsets.UTF_8);
        String wrong = java.util.Base64.getEncoder().encodeToString(new byte[16]);
        try (S3Client client = server.client()) {
            assertThatThrownBy(() -> client.putObject(request -> request.bucket(bucket).key("x.xlsx")
                    .contentMD5(wrong), RequestBody.fromBytes(bytes)))
                    .hasMessageContaining("Status Code: 400");
        }
    }

    @Test
    void aReportLargerThanThePartSizeGoesUpInPartsAndComesBackWhole() throws Exception {
        S3ReportStore store = store(newBucket(), "");
        Path file = file("audit-all-2026-11-01-2026-11-30.xlsx", 11 * 1024 * 1024 + 123);

        store.publish(file, "audit/audit-all-2026-11-01-2026-11-30.xlsx",
                new ReportMetadata("audit-export", 7, "all", "2026-11-01 to 2026-11-30"));

        try (S3Client client = server.client()) {
            String etag = client.headObject(request -> request.bucket(store.location().bucket())
                    .key("audit/audit-all-2026-11-01-2026-11-30.xlsx")).eTag();
            assertThat(etag).as("a multipart upload's ETag ends in -<parts>").endsWith("-3\"");
        }
        Path copy = store.download("audit/audit-all-2026-11-01-2026-11-30.xlsx", dir.resolve("got"));
        assertThat(sha256Of(copy)).isEqualTo(sha256Of(file));
    }

    @Test
    void listShowsEveryReportNewestFirstWithItsJobPeriodSizeAndSha256() throws Exception {
        S3ReportStore store = store(newBucket(), "reports");
        Path older = file("a.xlsx", 1000);
        Path newer = file("b.xlsx", 2000);
        store.publish(older, "usage/usage-report-2026-W47.xlsx", new ReportMetadata("usage-report", 1, "", "2026-W47"));
        Thread.sleep(1100); // S3 times are in seconds
        store.publish(newer, "audit/audit-acme-2026-11-01-2026-11-30.xlsx",
                new ReportMetadata("audit-export", 2, "acme", ""));

        List<StoredReport> reports = store.list();

        assertThat(reports).extracting(StoredReport::key).containsExactly("audit/audit-acme-2026-11-01-2026-11-30.xlsx",
                "usage/usage-report-2026-W47.xlsx");
        assertThat(reports.get(0).job()).isEqualTo("audit-export");
        assertThat(reports.get(0).period()).as("the org when there is no period").isEqualTo("acme");
        assertThat(reports.get(0).size()).isEqualTo(2000);
        assertThat(reports.get(0).sha256()).isEqualTo(sha256Of(newer));
        assertThat(reports.get(1).period()).isEqualTo("2026-W47");
    }

    @Test
    void aDownloadThatDoesNotMatchItsSha256IsRefusedAndLeavesNothing() throws Exception {
        S3ReportStore store = store(newBucket(), "");
        Path file = file("r.xlsx", 5000);
        String sha256 = store.publish(file, "usage/r.xlsx", new ReportMetadata("usage-report", 3, "", "2026-W40"));
        try (S3Client client = server.client()) { // bytes changed behind the store, metadata kept
            client.putObject(request -> request.bucket(store.location().bucket()).key("usage/r.xlsx")
                    .metadata(java.util.Map.of("sha256", sha256)), RequestBody.fromString("tampered"));
        }
        Path folder = dir.resolve("got");

        assertThatThrownBy(() -> store.download("usage/r.xlsx", folder))
                .isInstanceOf(ReportStoreException.class)
                .hasMessageContaining("usage/r.xlsx does not match its SHA-256 (expected " + sha256);
        try (var left = Files.list(folder)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void aPresignedLinkDownloadsTheReportOverPlainHttpAndCarriesNoSecret() throws Exception {
        S3ReportStore store = store(newBucket(), "p");
        Path file = file("usage-report-2026-W48.xlsx", 70_000);
        String sha256 = store.publish(file, "usage/usage-report-2026-W48.xlsx",
                new ReportMetadata("usage-report", 4, "", "2026-W48"));

        String link = store.link("usage/usage-report-2026-W48.xlsx", Duration.ofDays(7)).orElseThrow();

        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(link))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(response.body())))
                .isEqualTo(sha256);
        assertThat(link).contains("X-Amz-Signature=").doesNotContain(S3ProxyServer.SECRET_KEY);
    }

    @Test
    void badCredentialsFailInOneLineNamingTheStoreAndTheReasonButNotTheSecret() throws Exception {
        String bucket = newBucket();
        S3ReportStore store = new S3ReportStore(S3Location.parse("s3://" + bucket + "/reports"), settings(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create(S3ProxyServer.ACCESS_KEY,
                        "wrong-secret-123")));
        Path file = file("r.xlsx", 100);

        assertThatThrownBy(() -> store.publish(file, "usage/r.xlsx", new ReportMetadata("usage-report", 5, "", "")))
                .isInstanceOf(ReportStoreException.class)
                .hasMessageStartingWith("report store s3://" + bucket + "/reports/ at " + server.endpoint()
                        + ": cannot publish usage/r.xlsx: access denied (")
                .hasMessageNotContaining("wrong-secret-123")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aMissingBucketFailsInOneLineSayingSo() throws Exception {
        S3ReportStore store = store("no-such-bucket", "");
        Path file = file("r.xlsx", 100);

        assertThatThrownBy(() -> store.publish(file, "usage/r.xlsx", new ReportMetadata("usage-report", 6, "", "")))
                .isInstanceOf(ReportStoreException.class)
                .hasMessage("report store s3://no-such-bucket/ at " + server.endpoint()
                        + ": cannot publish usage/r.xlsx: the bucket does not exist (NoSuchBucket)");
    }

    @Test
    void retentionDeletesReportsAndSidecarsCreatedBeforeTheCutoffOnly() throws Exception {
        S3ReportStore store = store(newBucket(), "r");
        store.publish(file("a.xlsx", 10), "usage/a.xlsx", new ReportMetadata("usage-report", 8, "", ""));
        store.publish(file("b.xlsx", 10), "usage/b.xlsx", new ReportMetadata("usage-report", 9, "", ""));
        java.util.function.Predicate<String> ours = "usage/a.xlsx"::equals;

        List<String> lines = new java.util.ArrayList<>();

        assertThat(store.deleteOlderThan(Instant.now().minusSeconds(3600), ours, "older than 1 hour", lines::add)).isEmpty();
        List<String> deleted = store.deleteOlderThan(Instant.now().plusSeconds(60), ours, "older than now", lines::add);

        assertThat(deleted).containsExactly("usage/a.xlsx");
        assertThat(lines).singleElement().asString().startsWith("Deleted report s3://" + store.location().bucket()
                + "/r/usage/a.xlsx (created ").endsWith(", older than now)");
        try (S3Client client = server.client()) {
            assertThat(client.listObjectsV2(request -> request.bucket(store.location().bucket())).contents())
                    .as("the sidecar goes with its report; what no job wrote stays")
                    .extracting(S3Object::key).filteredOn(key -> !key.endsWith("/")) // not S3Proxy's folder markers
                    .containsExactlyInAnyOrder("r/usage/b.xlsx", "r/usage/b.xlsx.sha256");
        }
    }

    private static S3StoreSettings settings() {
        return new S3StoreSettings(server.endpoint(), "us-east-1", true, "when-required", DataSize.ofMegabytes(5));
    }

    private static S3ReportStore store(String bucket, String prefix) {
        return new S3ReportStore(S3Location.parse("s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix)),
                settings(), S3ProxyServer.credentials());
    }

    private static String newBucket() {
        String bucket = "pf-test-" + (++buckets);
        server.createBucket(bucket);
        return bucket;
    }

    private Path file(String name, int size) throws IOException {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    static String sha256Of(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
