package com.promptforge.batch.notify;

import com.promptforge.batch.core.OneLine;
import java.time.Duration;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Tells a job's channels how an execution ended, once per execution and channel: each delivery is tried up to
 * {@code pf.notify.attempts} times, waiting {@code pf.notify.backoff} (doubled each time) between attempts, then
 * recorded, delivered or not. Nothing here throws: a notification that cannot be delivered never fails the job.
 */
@Component
public class Notifier {

    private static final Logger log = LoggerFactory.getLogger(Notifier.class);

    private final NotifySettings settings;
    private final EmailNotifier email;
    private final WebhookNotifier webhook;
    private final NotificationDeliveries deliveries;

    Notifier(NotifySettings settings, EmailNotifier email, WebhookNotifier webhook, NotificationDeliveries deliveries) {
        this.settings = settings;
        this.email = email;
        this.webhook = webhook;
        this.deliveries = deliveries;
    }

    /** Delivers {@code notice} to the channels of {@code rule} that want its outcome; a line per channel. */
    public void notify(NotifyRule rule, RunNotice notice, Consumer<String> output) {
        if (!rule.covers(notice.outcome())) {
            return;
        }
        for (NotifyChannel channel : rule.channels()) {
            deliver(channel, notice, output);
        }
    }

    private void deliver(NotifyChannel channel, RunNotice notice, Consumer<String> output) {
        Duration wait = settings.backoff();
        String error = null;
        int attempt = 1;
        for (; attempt <= settings.attempts(); attempt++) {
            try {
                if (NotifyChannel.EMAIL.equals(channel.kind())) {
                    email.send(channel.target(), notice);
                } else {
                    webhook.send(channel.target(), notice);
                }
                error = null;
                break;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                error = "interrupted";
                break;
            } catch (Exception e) {
                error = OneLine.rootCause(e);
                log.info("Notifying {} of {} execution {}: attempt {} failed: {}", channel.label(), notice.job(),
                        notice.executionId(), attempt, error);
                if (attempt < settings.attempts() && !sleep(wait)) {
                    break;
                }
                wait = wait.multipliedBy(2);
            }
        }
        int attempts = Math.min(attempt, settings.attempts());
        try {
            deliveries.record(notice, channel, error == null, attempts, error);
        } catch (RuntimeException e) {
            log.warn("Could not record the delivery to {}: {}", channel.label(), OneLine.rootCause(e));
        }
        output.accept(error == null ? "Notified " + channel.label()
                : "Could not notify " + channel.label() + " after " + attempts + " attempt" + (attempts == 1 ? "" : "s")
                + ": " + error + " (the job's outcome stands; see jobs)");
    }

    private static boolean sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
