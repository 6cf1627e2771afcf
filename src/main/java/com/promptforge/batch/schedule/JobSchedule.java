package com.promptforge.batch.schedule;

import java.text.ParseException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.Map;
import com.promptforge.batch.notify.NotifyRule;
import java.util.Optional;
import java.util.TimeZone;
import org.quartz.CronExpression;

/**
 * One jobs/*.yml file: when the job runs ({@code cron} in {@code zone}), whether it is scheduled at all, what a
 * missed firing does, and the parameters of its scheduled runs (validated against the job's definition).
 *
 * @param origin the file, as messages name it
 * @param notifications whom each execution of the job tells how it ended ({@code notify:} and {@code on:})
 */
public record JobSchedule(String job, String cron, ZoneId zone, boolean enabled, Misfire misfire,
                          Map<String, String> parameters, String origin, NotifyRule notifications) {

    public JobSchedule {
        parameters = Map.copyOf(parameters);
        notifications = notifications == null ? NotifyRule.NONE : notifications;
    }

    /** Without notifications. */
    public JobSchedule(String job, String cron, ZoneId zone, boolean enabled, Misfire misfire,
                       Map<String, String> parameters, String origin) {
        this(job, cron, zone, enabled, misfire, parameters, origin, NotifyRule.NONE);
    }

    /** The next time the cron matches after {@code after}, in the schedule's zone; empty when it never does. */
    public Optional<ZonedDateTime> nextFireTime(Instant after) {
        try {
            CronExpression expression = new CronExpression(cron);
            expression.setTimeZone(TimeZone.getTimeZone(zone));
            Date next = expression.getNextValidTimeAfter(Date.from(after));
            return Optional.ofNullable(next).map(date -> date.toInstant().atZone(zone));
        } catch (ParseException e) {
            throw new IllegalStateException("Cron of " + origin + " was validated when loaded", e);
        }
    }
}
