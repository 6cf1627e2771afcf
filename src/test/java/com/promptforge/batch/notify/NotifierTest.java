package com.promptforge.batch.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.promptforge.batch.testing.PromptForgeDatabase;
import com.promptforge.batch.testing.TestDatabase;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Notifications against a real SMTP server (GreenMail) and a real HTTP server (the JDK's), on loopback. */
@PromptForgeDatabase
class NotifierTest {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path dir;

    private HttpServer http;
    private final List<String> posted = new CopyOnWriteArrayList<>();
    private final List<String> lines = new ArrayList<>();

    @BeforeEach
    void clearDeliveries(TestDatabase db) {
        db.jdbc().execute("truncate batch.notification_deliveries");
    }

    @AfterEach
    void stopHttp() {
        if (http != null) {
            http.stop(0);
        }
    }

    @Test
    void anEmailGivesTheJobPeriodOutcomeFiguresAndFindingsWithTheWorkbookAttached(TestDatabase db) throws Exception {
        Path workbook = workbook(3000);

        notifier(db, settings(DataSize.ofMegabytes(10), Duration.ofSeconds(10)))
                .notify(rule("email", "ops@example.com"), notice(workbook, ""), lines::add);

        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(1);
        MimeMessage message = received[0];
        System.out.println(GreenMailUtil.getWholeMessage(message)); // to read it as a person would
        assertThat(message.getSubject()).isEqualTo("PromptForge usage-report 2026-W48: completed");
        assertThat(message.getAllRecipients()[0].toString()).isEqualTo("ops@example.com");
        String text = part(message, "text/plain");
        assertThat(text).contains("usage-report execution 42 COMPLETED, 2026-W48.")
                .contains("organizations  1,200").contains("runs           150,000")
                .contains("- warning: unused index public.idx_runs_old (38 MB, 0 scans)")
                .contains("Report: usage/usage-report-2026-W48.xlsx (attached)");
        assertThat(part(message, "text/html")).contains("<td>organizations</td><td align=\"right\"><b>1,200</b>");
        Part attachment = attachment(message);
        assertThat(attachment.getFileName()).isEqualTo("usage-report-2026-W48.xlsx");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        attachment.getInputStream().transferTo(bytes);
        assertThat(bytes.toByteArray()).isEqualTo(Files.readAllBytes(workbook));
        assertThat(lines).containsExactly("Notified email ops@example.com");
        assertThat(deliveries(db)).containsExactly("email ops@example.com delivered 1 null");
    }

    @Test
    void aWorkbookLargerThanTheAttachLimitIsLinkedInstead(TestDatabase db) throws Exception {
        String link = "https://store.example/reports/usage/usage-report-2026-W48.xlsx?X-Amz-Signature=abc";

        notifier(db, settings(DataSize.ofBytes(1000), Duration.ofSeconds(10)))
                .notify(rule("email", "ops@example.com"), notice(workbook(3000), link), lines::add);

        MimeMessage message = smtp.getReceivedMessages()[0];
        assertThat(attachment(message)).isNull();
        assertThat(part(message, "text/plain")).contains("download (link valid 7 days): " + link);
        assertThat(part(message, "text/html")).contains("<a href=\"" + link.replace("&", "&amp;") + "\">Download</a>");
    }

    @Test
    void aWebhookThatAnswers500IsRetriedAndTheNextAttemptDelivers(TestDatabase db) throws Exception {
        AtomicInteger calls = new AtomicInteger();
        String url = webhook(exchange -> calls.incrementAndGet() == 1 ? 500 : 200, Duration.ZERO);

        notifier(db, settings(DataSize.ofMegabytes(10), Duration.ofSeconds(10)))
                .notify(rule("webhook", url), notice(null, "https://link.example/x"), lines::add);

        assertThat(calls).hasValue(2);
        JsonNode body = JsonMapper.builder().build().readTree(posted.get(1));
        assertThat(body.get("text").asString()).startsWith("PromptForge usage-report 2026-W48: completed (execution 42)")
                .contains("• runs: 150,000");
        assertThat(body.get("job").asString()).isEqualTo("usage-report");
        assertThat(body.get("executionId").asLong()).isEqualTo(42);
        assertThat(body.get("outcome").asString()).isEqualTo("completed");
        assertThat(body.get("period").asString()).isEqualTo("2026-W48");
        assertThat(body.get("reportKey").asString()).isEqualTo("usage/usage-report-2026-W48.xlsx");
        assertThat(body.get("link").asString()).isEqualTo("https://link.example/x");
        assertThat(body.get("figures").get("organizations").asString()).isEqualTo("1,200");
        assertThat(deliveries(db)).singleElement().asString().endsWith("delivered 2 null")
                .doesNotContain("/hook/secret-token");
    }

    @Test
    void aWebhookThatDoesNotAnswerInTimeIsRecordedAsNotDeliveredAndNothingThrows(TestDatabase db) throws Exception {
        String url = webhook(exchange -> 200, Duration.ofSeconds(3));

        notifier(db, settings(DataSize.ofMegabytes(10), Duration.ofMillis(300)))
                .notify(rule("webhook", url), notice(null, ""), lines::add);

        assertThat(deliveries(db)).singleElement().asString()
                .endsWith("NOT delivered 2 no answer within 300 ms");
        assertThat(lines).singleElement().asString().startsWith("Could not notify webhook http://127.0.0.1:")
                .contains("after 2 attempts: no answer within 300 ms");
    }

    @Test
    void anOutcomeTheRuleDoesNotListNotifiesNobody(TestDatabase db) throws Exception {
        NotifyRule onlyFailures = new NotifyRule(List.of(new NotifyChannel("email", "ops@example.com")),
                Set.of(NotifyRule.FAILED));

        notifier(db, settings(DataSize.ofMegabytes(10), Duration.ofSeconds(10)))
                .notify(onlyFailures, notice(null, ""), lines::add);

        assertThat(smtp.getReceivedMessages()).isEmpty();
        assertThat(deliveries(db)).isEmpty();
    }

    private Notifier notifier(TestDatabase db, NotifySettings settings) {
        return new Notifier(settings, new EmailNotifier(settings), new WebhookNotifier(settings),
                new NotificationDeliveries(db.dataSource()));
    }

    private static NotifySettings settings(DataSize attachMax, Duration webhookTimeout) {
        return new NotifySettings("127.0.0.1", smtp.getSmtp().getPort(), "", "", "batch@example.com", "false",
                attachMax, webhookTimeout, 2, Duration.ofMillis(50));
    }

    private static NotifyRule rule(String kind, String target) {
        return new NotifyRule(List.of(new NotifyChannel(kind, target)), Set.copyOf(NotifyRule.OUTCOMES));
    }

    private static RunNotice notice(Path workbook, String link) {
        Map<String, String> figures = new LinkedHashMap<>();
        figures.put("organizations", "1,200");
        figures.put("runs", "150,000");
        return new RunNotice("usage-report", 42, NotifyRule.COMPLETED, "2026-W48", "",
                "usage/usage-report-2026-W48.xlsx", "s3://bucket/reports/usage/usage-report-2026-W48.xlsx", link,
                workbook, "ab".repeat(32), figures, List.of("warning: unused index public.idx_runs_old (38 MB, 0 scans)"));
    }

    private Path workbook(int size) throws Exception {
        Path file = dir.resolve("usage-report-2026-W48.xlsx");
        byte[] bytes = new byte[size];
        new java.util.Random(size).nextBytes(bytes);
        Files.write(file, bytes);
        return file;
    }

    private String webhook(java.util.function.ToIntFunction<com.sun.net.httpserver.HttpExchange> status,
                           Duration delay) throws Exception {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        http.createContext("/hook", exchange -> {
            posted.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(status.applyAsInt(exchange), -1);
            exchange.close();
        });
        http.start();
        return "http://127.0.0.1:" + http.getAddress().getPort() + "/hook/secret-token";
    }

    private static List<String> deliveries(TestDatabase db) {
        return db.jdbc().query("select channel, delivered, attempts, error from batch.notification_deliveries order by id",
                (row, n) -> row.getString(1) + " " + (row.getBoolean(2) ? "delivered" : "NOT delivered") + " "
                        + row.getInt(3) + " " + row.getString(4));
    }

    private static String part(Part part, String type) throws Exception {
        if (part.isMimeType(type) && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            return (String) part.getContent();
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                String found = part(multipart.getBodyPart(i), type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static Part attachment(Part part) throws Exception {
        if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            return part;
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                Part found = attachment(child);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
