package com.promptforge.batch.notify;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.util.unit.DataSize;

/**
 * {@code pf.notify.*}: SMTP for e-mail ({@code smtp-host}, {@code smtp-port}, {@code smtp-user},
 * {@code smtp-password}, {@code smtp-from}, {@code smtp-tls}: PF_SMTP_*), the largest workbook attached to an
 * e-mail ({@code attach-max}, PF_MAIL_ATTACH_MAX, default 10MB; larger ones get a link), a webhook's timeout
 * (PF_WEBHOOK_TIMEOUT, default 10s), and how a delivery is retried ({@code attempts}, default 3, waiting
 * {@code backoff}, default 2s, doubled after each failed attempt).
 */
@ConfigurationProperties("pf.notify")
public record NotifySettings(String smtpHost, Integer smtpPort, String smtpUser, String smtpPassword, String smtpFrom,
                             String smtpTls, DataSize attachMax, Duration webhookTimeout, Integer attempts,
                             Duration backoff) {

    @ConstructorBinding
    public NotifySettings {
        smtpHost = smtpHost == null ? "" : smtpHost.strip();
        smtpTls = smtpTls == null || smtpTls.isBlank() ? "starttls" : smtpTls.strip();
        smtpPort = smtpPort == null ? ("tls".equals(smtpTls) ? 465 : "false".equals(smtpTls) ? 25 : 587) : smtpPort;
        smtpUser = smtpUser == null ? "" : smtpUser;
        smtpPassword = smtpPassword == null ? "" : smtpPassword;
        smtpFrom = smtpFrom == null || smtpFrom.isBlank() ? "promptforge-batch@localhost" : smtpFrom.strip();
        attachMax = attachMax == null ? DataSize.ofMegabytes(10) : attachMax;
        webhookTimeout = webhookTimeout == null ? Duration.ofSeconds(10) : webhookTimeout;
        attempts = attempts == null || attempts < 1 ? 3 : attempts;
        backoff = backoff == null ? Duration.ofSeconds(2) : backoff;
    }

    @Override
    public String toString() { // never the password
        return "smtp " + smtpHost + ":" + smtpPort + " (tls " + smtpTls + ", user " + (smtpUser.isEmpty() ? "none"
                : smtpUser) + ")";
    }
}
