package com.promptforge.batch.report.s3;

import static org.assertj.core.api.Assertions.assertThat;

import com.promptforge.batch.job.CliResult;
import com.promptforge.batch.testing.PromptForgeDatabase;
import com.promptforge.batch.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A job whose bucket refuses its report fails in one line naming the store and the reason, keeps the finished report
 * in local staging, and restart publishes it without running the job's steps again. Against S3Proxy.
 */
@PromptForgeDatabase
class RefusingStoreTest {

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

    @AfterEach
    void clearCredentials() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @Test
    void aMissingBucketFailsTheJobInOneLineKeepsTheReportAndRestartPublishesItWithoutRecomputing(TestDatabase db)
            throws Exception {
        credentials(S3ProxyServer.SECRET_KEY);
        String bucket = "pf-later-" + (++buckets);
        Map<String, Object> properties = properties(db, bucket);
        List<String> posted = new java.util.concurrent.CopyOnWriteArrayList<>();
        com.sun.net.httpserver.HttpServer hook = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        hook.createContext("/hook", exchange -> {
            posted.add(new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        hook.start();
        Path jobs = Files.createDirectories(dir.resolve("jobs"));
        Files.writeString(jobs.resolve("entitlement-sync.yml"), "job: entitlement-sync\ncron: 0 0 2 * * ?\n"
                + "notify: [webhook: 'http://127.0.0.1:" + hook.getAddress().getPort() + "/hook']\non: [failed]\n");
        properties.put("pf.jobs.dir", jobs.toString());

        CliResult run = CliResult.run(properties, "run", "entitlement-sync");

        assertThat(run.exit()).as(run.toString()).isEqualTo(1);
        List<Path> staged = staged();
        assertThat(staged).as("the finished report and its sidecar stay in staging").hasSize(2);
        Path report = staged.stream().filter(file -> file.toString().endsWith(".xlsx")).findFirst().orElseThrow();
        String key = "entitlements/" + report.getFileName();
        assertThat(run.out()).contains("  failed: report store s3://" + bucket + "/reports/ at " + server.endpoint()
                + ": cannot publish " + key + ": the bucket does not exist (NoSuchBucket); the finished report stays"
                + " in staging: restart entitlement-sync publishes it without recomputing\n");
        assertThat(posted).as("the failure is notified once, after it failed").singleElement().asString()
                .contains("\"outcome\":\"failed\"").contains("NoSuchBucket");
        String unpublished = "s3://" + bucket + "/reports/" + key;
        assertThat(run.out()).as("the summary names where the report is, not where it is not")
                .doesNotContain(unpublished).contains("  report: " + report + "\n");
        assertThat(posted.get(0)).as("the notice names no report in the store").doesNotContain(unpublished)
                .contains(report.toString());
        int stepsBefore = steps(db);

        server.createBucket(bucket);
        CliResult restart = CliResult.run(properties, "restart", "entitlement-sync");

        assertThat(restart.exit()).as(restart.toString()).isZero();
        assertThat(restart.out()).contains("Published " + key + " to s3://" + bucket + "/reports/" + key);
        assertThat(steps(db)).as("no step ran again").isEqualTo(stepsBefore);
        try (S3Client client = server.client()) {
            List<String> keys = client.listObjectsV2(request -> request.bucket(bucket)).contents().stream()
                    .map(S3Object::key).filter(object -> !object.endsWith("/")).toList();
            assertThat(keys).containsExactlyInAnyOrder("reports/" + key, "reports/" + key + ".sha256");
            Map<String, String> metadata = client.headObject(request -> request.bucket(bucket)
                    .key("reports/" + key)).metadata();
            assertThat(metadata).containsEntry("job", "entitlement-sync")
                    .containsEntry("sha256", S3ReportStoreTest.sha256Of(dir.resolve("fetched").resolve(
                            download(client, bucket, "reports/" + key))));
        }
        assertThat(staged()).as("the staging copy goes once the bucket holds the report").isEmpty();
        assertThat(posted).as("on: [failed]: the completed restart notifies nobody").hasSize(1);
        hook.stop(0);
    }

    @Test
    void badCredentialsFailTheJobInOneLineWithoutTheSecretAndKeepTheReport(TestDatabase db) throws Exception {
        credentials("not-the-secret-31337");
        String bucket = "pf-bucket-" + (++buckets);
        server.createBucket(bucket);

        CliResult run = CliResult.run(properties(db, bucket), "run", "entitlement-sync");

        assertThat(run.exit()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).containsPattern("  failed: report store s3://" + bucket + "/reports/ at "
                + server.endpoint() + ": cannot publish entitlements/[^ ]+\\.xlsx: access denied \\([A-Za-z]+\\): check"
                + " the credentials \\(AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY\\) and what they may do in the bucket;"
                + " the finished report stays in staging: restart entitlement-sync publishes it without recomputing\n");
        assertThat(run.out() + run.err()).doesNotContain("not-the-secret-31337");
        assertThat(staged()).hasSize(2);
    }

    private String download(S3Client client, String bucket, String key) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("fetched"));
        String name = key.substring(key.lastIndexOf('/') + 1);
        Files.write(folder.resolve(name), client.getObjectAsBytes(request -> request.bucket(bucket).key(key))
                .asByteArray());
        return name;
    }

    private Map<String, Object> properties(TestDatabase db, String bucket) {
        Map<String, Object> properties = new HashMap<>(db.applicationProperties());
        properties.put("pf.reports-dir", dir.resolve("staging").toString());
        properties.put("pf.reports-store", "s3://" + bucket + "/reports");
        properties.put("pf.s3.endpoint", server.endpoint());
        properties.put("pf.s3.path-style", "true");
        return properties;
    }

    private static void credentials(String secret) {
        System.setProperty("aws.accessKeyId", S3ProxyServer.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", secret);
    }

    private List<Path> staged() throws Exception {
        Path folder = dir.resolve("staging/entitlements");
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> !file.getFileName().toString().startsWith(".")).sorted().toList();
        }
    }

    private static int steps(TestDatabase db) {
        return db.jdbc().queryForObject("select count(*) from batch.batch_step_execution", Integer.class);
    }
}
