package com.promptforge.batch.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts a {@link RunNotice} as JSON to a webhook: a {@code text} field, which Slack's and Teams' incoming webhooks
 * show as the message, and the structured fields (job, executionId, outcome, period, reportKey, link, figures,
 * findings) for anything else. Any answer but 2xx, or none within the timeout, is a failed attempt.
 */
@Component
class WebhookNotifier {

    private final NotifySettings settings;
    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient client;

    WebhookNotifier(NotifySettings settings) {
        this.settings = settings;
        this.client = HttpClient.newBuilder().connectTimeout(settings.webhookTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    void send(String url, RunNotice notice) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(settings.webhookTimeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body(notice)))
                .build();
        HttpResponse<Void> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (HttpTimeoutException e) {
            throw new IOException("no answer within " + settings.webhookTimeout().toMillis() + " ms");
        }
        if (response.statusCode() / 100 != 2) {
            throw new IOException("the webhook answered HTTP " + response.statusCode());
        }
    }

    String body(RunNotice notice) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", text(notice));
        body.put("job", notice.job());
        body.put("executionId", notice.executionId());
        body.put("outcome", notice.outcome());
        body.put("period", notice.period());
        body.put("failure", notice.failure());
        body.put("reportKey", notice.reportKey());
        body.put("link", notice.link());
        body.put("sha256", notice.sha256());
        body.put("figures", notice.figures());
        body.put("findings", notice.findings());
        return json.writeValueAsString(body);
    }

    private static String text(RunNotice notice) {
        StringBuilder text = new StringBuilder("PromptForge ").append(notice.headline())
                .append(" (execution ").append(notice.executionId()).append(')');
        if (notice.failed()) {
            text.append(": ").append(notice.failure());
        }
        notice.figures().forEach((label, value) -> text.append("\n• ").append(label).append(": ").append(value));
        if (!notice.findings().isEmpty()) {
            text.append("\nNeeds attention:");
            notice.findings().forEach(finding -> text.append("\n• ").append(finding));
        }
        if (!notice.reportKey().isBlank()) {
            text.append("\nReport: ").append(notice.link().isBlank() ? notice.location() : notice.link());
        }
        return text.toString();
    }
}
