package com.promptforge.batch.notify;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.Properties;
import org.springframework.core.io.FileSystemResource;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * Sends a {@link RunNotice} by e-mail over SMTP (Spring's Jakarta Mail sender): the subject names the job, period
 * and outcome; the body, as plain text and as HTML, gives the figures, what needs attention and the
 * report, attached when it is no larger than {@code PF_MAIL_ATTACH_MAX}, else as a link (or the store's path).
 */
@Component
class EmailNotifier {

    private static final int TIMEOUT_MS = 10_000;

    private final NotifySettings settings;

    EmailNotifier(NotifySettings settings) {
        this.settings = settings;
    }

    void send(String address, RunNotice notice) throws MessagingException {
        if (settings.smtpHost().isEmpty()) {
            throw new IllegalStateException("no SMTP server: set PF_SMTP_HOST (and PF_SMTP_PORT, PF_SMTP_USER,"
                    + " PF_SMTP_PASSWORD, PF_SMTP_FROM, PF_SMTP_TLS)");
        }
        JavaMailSenderImpl sender = sender();
        MimeMessage message = sender.createMimeMessage();
        boolean attach = attachable(notice);
        MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
        helper.setFrom(settings.smtpFrom());
        helper.setTo(address);
        helper.setSubject("PromptForge " + notice.headline());
        helper.setText(text(notice, attach), html(notice, attach));
        if (attach) {
            helper.addAttachment(notice.reportFile().getFileName().toString(), new FileSystemResource(notice.reportFile()),
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        }
        sender.send(message);
    }

    private boolean attachable(RunNotice notice) {
        try {
            return notice.reportFile() != null && Files.isRegularFile(notice.reportFile())
                    && Files.size(notice.reportFile()) <= settings.attachMax().toBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JavaMailSenderImpl sender() {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost(settings.smtpHost());
        sender.setPort(settings.smtpPort());
        sender.setDefaultEncoding("UTF-8");
        if (!settings.smtpUser().isEmpty()) {
            sender.setUsername(settings.smtpUser());
            sender.setPassword(settings.smtpPassword());
        }
        Properties properties = new Properties();
        properties.put("mail.smtp.auth", String.valueOf(!settings.smtpUser().isEmpty()));
        properties.put("mail.smtp.connectiontimeout", String.valueOf(TIMEOUT_MS));
        properties.put("mail.smtp.timeout", String.valueOf(TIMEOUT_MS));
        properties.put("mail.smtp.writetimeout", String.valueOf(TIMEOUT_MS));
        switch (settings.smtpTls()) {
            case "starttls" -> {
                properties.put("mail.smtp.starttls.enable", "true");
                properties.put("mail.smtp.starttls.required", "true");
            }
            case "tls" -> {
                sender.setProtocol("smtps");
                properties.put("mail.smtps.auth", String.valueOf(!settings.smtpUser().isEmpty()));
                properties.put("mail.smtps.connectiontimeout", String.valueOf(TIMEOUT_MS));
                properties.put("mail.smtps.timeout", String.valueOf(TIMEOUT_MS));
            }
            case "false" -> { }
            default -> throw new IllegalStateException("PF_SMTP_TLS: '" + settings.smtpTls() + "' is not accepted:"
                    + " expected starttls, tls or false");
        }
        sender.setJavaMailProperties(properties);
        return sender;
    }

    static String text(RunNotice notice, boolean attached) {
        StringBuilder text = new StringBuilder();
        text.append(notice.job()).append(" execution ").append(notice.executionId()).append(' ')
                .append(notice.outcome().toUpperCase()).append(notice.period().isBlank() ? "" : ", " + notice.period())
                .append(".\n");
        if (notice.failed()) {
            text.append("\nWhat went wrong: ").append(notice.failure()).append("\nContinue it from where it stopped with:"
                    + " restart ").append(notice.job()).append('\n');
        }
        if (!notice.figures().isEmpty()) {
            text.append("\nFigures\n");
            int width = notice.figures().keySet().stream().mapToInt(String::length).max().orElse(0);
            notice.figures().forEach((label, value) -> text.append("  ").append(pad(label, width)).append("  ")
                    .append(value).append('\n'));
        }
        if (!notice.findings().isEmpty()) {
            text.append("\nNeeds attention\n");
            notice.findings().forEach(finding -> text.append("  - ").append(finding).append('\n'));
        }
        if (!notice.reportKey().isBlank()) {
            text.append("\nReport: ").append(notice.reportKey());
            text.append(attached ? " (attached)" : "").append('\n');
            if (!attached) {
                text.append(notice.link().isBlank() ? "  in the store: " + notice.location()
                        : "  download (link valid 7 days): " + notice.link()).append('\n');
            }
            if (!notice.sha256().isBlank()) {
                text.append("  SHA-256: ").append(notice.sha256()).append('\n');
            }
        }
        return text.toString();
    }

    static String html(RunNotice notice, boolean attached) {
        StringBuilder html = new StringBuilder("<html><body style=\"font-family:sans-serif\">");
        html.append("<h2>").append(e(notice.job())).append(notice.period().isBlank() ? "" : " " + e(notice.period()))
                .append(": ").append(e(notice.outcome())).append("</h2>");
        html.append("<p>Execution ").append(notice.executionId()).append("</p>");
        if (notice.failed()) {
            html.append("<p><b>What went wrong:</b> ").append(e(notice.failure()))
                    .append("<br>Continue it from where it stopped with: <code>restart ").append(e(notice.job()))
                    .append("</code></p>");
        }
        if (!notice.figures().isEmpty()) {
            html.append("<h3>Figures</h3><table cellpadding=\"3\">");
            for (Map.Entry<String, String> figure : notice.figures().entrySet()) {
                html.append("<tr><td>").append(e(figure.getKey())).append("</td><td align=\"right\"><b>")
                        .append(e(figure.getValue())).append("</b></td></tr>");
            }
            html.append("</table>");
        }
        if (!notice.findings().isEmpty()) {
            html.append("<h3>Needs attention</h3><ul>");
            notice.findings().forEach(finding -> html.append("<li>").append(e(finding)).append("</li>"));
            html.append("</ul>");
        }
        if (!notice.reportKey().isBlank()) {
            html.append("<p>Report: <code>").append(e(notice.reportKey())).append("</code>");
            if (attached) {
                html.append(" (attached)");
            } else if (!notice.link().isBlank()) {
                html.append("<br><a href=\"").append(e(notice.link())).append("\">Download</a> (link valid 7 days)");
            } else {
                html.append("<br>In the store: <code>").append(e(notice.location())).append("</code>");
            }
            if (!notice.sha256().isBlank()) {
                html.append("<br>SHA-256: <code>").append(e(notice.sha256())).append("</code>");
            }
            html.append("</p>");
        }
        return html.append("</body></html>").toString();
    }

    private static String e(String text) {
        return HtmlUtils.htmlEscape(text);
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }
}
