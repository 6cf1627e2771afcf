package com.promptforge.batch.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.promptforge.batch.job.CliResult;
import com.promptforge.batch.testing.PromptForgeDatabase;
import com.promptforge.batch.testing.TestDatabase;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.internet.MimeMessage;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job's notify: channels are told once when a run ends, after its report is published, and a channel that cannot
 * be reached neither fails the job nor hides: jobs shows its last delivery and error. Real SMTP (GreenMail) and HTTP
 * (the JDK's server) on loopback.
 */
@PromptForgeDatabase
class JobNotificationsTest {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path dir;

    private HttpServer http;
    private final List<String> posted = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopHttp() {
        if (http != null) {
            http.stop(0);
        }
    }

    @Test
    void aRunNotifiesEachChannelOnceWithItsReportAndJobsShowsTheDeliveries(TestDatabase db) throws Exception {
        db.jdbc().execute("truncate batch.notification_deliveries");
        String goodHook = webhook("/ok", 200);
        String brokenHook = webhook("/broken/secret-token", 500);
        Path jobs = Files.createDirectories(dir.resolve("jobs"));
        Files.writeString(jobs.resolve("entitlement-sync.yml"), """
                job: entitlement-sync
                cron: "0 0 2 * * ?"
                notify:
                  - email: ops@example.com
                  - webhook: %s
                  - webhook: %s
                on: [completed, failed]
                """.formatted(goodHook, brokenHook));
        Map<String, Object> properties = new HashMap<>(db.applicationProperties());
        properties.put("pf.jobs.dir", jobs.toString());
        properties.put("pf.reports-dir", dir.resolve("reports").toString());
        properties.put("pf.notify.smtp-host", "127.0.0.1");
        properties.put("pf.notify.smtp-port", smtp.getSmtp().getPort());
        properties.put("pf.notify.smtp-tls", "false");
        properties.put("pf.notify.smtp-from", "batch@example.com");
        properties.put("pf.notify.backoff", "10ms");

        CliResult run = CliResult.run(properties, "run", "entitlement-sync");

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).contains("Notified email ops@example.com").contains("Could not notify webhook "
                + "http://127.0.0.1:").contains("after 3 attempts: the webhook answered HTTP 500");
        MimeMessage[] mail = smtp.getReceivedMessages();
        assertThat(mail).hasSize(1);
        String message = GreenMailUtil.getWholeMessage(mail[0]);
        assertThat(mail[0].getSubject()).isEqualTo("PromptForge entitlement-sync: completed");
        assertThat(message).contains("entitlement-sync execution ").contains("Figures")
                .containsPattern("Content-Disposition: attachment;\\s+filename=entitlement-sync-[^ ]+\\.xlsx");
        assertThat(posted.stream().filter(body -> body.contains("\"outcome\":\"completed\""))).hasSize(4);

        CliResult listed = CliResult.run(properties, "jobs");

        assertThat(listed.out()).contains("notify: email ops@example.com, webhook http://127.0.0.1:")
                .containsPattern("email ops@example.com: delivered .* \\(execution \\d+, completed, 1 attempt\\)")
                .containsPattern("webhook http://127.0.0.1:\\d+/… #[0-9a-f]{8}: NOT delivered .* \\(execution \\d+,"
                        + " completed, 3 attempts\\): the webhook answered HTTP 500")
                .doesNotContain("secret-token");
    }

    private String webhook(String path, int status) throws Exception {
        if (http == null) {
            http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            http.start();
        }
        http.createContext(path, exchange -> {
            posted.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        return "http://127.0.0.1:" + http.getAddress().getPort() + path;
    }
}
