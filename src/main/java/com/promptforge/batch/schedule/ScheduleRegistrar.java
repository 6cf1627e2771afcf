package com.promptforge.batch.schedule;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;
import org.springframework.stereotype.Component;

/**
 * Makes the clustered Quartz store hold exactly the enabled schedules: one job and one cron trigger per job,
 * both named after it in group {@value #GROUP}. A job whose file is gone or disabled is unscheduled; a changed
 * file replaces its trigger; an unchanged one is left alone (so it keeps its place and its misfire state). Every
 * scheduler process does this when it starts, each with the same files.
 */
@Component
public class ScheduleRegistrar {

    public static final String GROUP = "promptforge";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z");

    private final Scheduler scheduler;

    public ScheduleRegistrar(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** Registers {@code schedules}, describing each change to {@code output}. */
    public void register(List<JobSchedule> schedules, Consumer<String> output) throws SchedulerException {
        Map<String, JobSchedule> enabled = schedules.stream().filter(JobSchedule::enabled)
                .collect(Collectors.toMap(JobSchedule::job, schedule -> schedule));
        Map<String, JobSchedule> all = schedules.stream()
                .collect(Collectors.toMap(JobSchedule::job, schedule -> schedule));
        for (JobKey key : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(GROUP))) {
            if (!enabled.containsKey(key.getName())) {
                scheduler.deleteJob(key);
                JobSchedule disabled = all.get(key.getName());
                output.accept("Unscheduled " + key.getName() + (disabled == null ? " (it has no schedule file)"
                        : " (disabled in " + disabled.origin() + ")"));
            }
        }
        for (JobSchedule schedule : enabled.values().stream().sorted((a, b) -> a.job().compareTo(b.job())).toList()) {
            JobDetail detail = JobBuilder.newJob(ScheduledJobLauncher.class)
                    .withIdentity(schedule.job(), GROUP)
                    .withDescription("Runs batch job " + schedule.job() + " (" + schedule.origin() + ")")
                    .usingJobData(new JobDataMap(new HashMap<>(schedule.parameters())))
                    .build();
            CronScheduleBuilder cron = CronScheduleBuilder.cronSchedule(schedule.cron())
                    .inTimeZone(TimeZone.getTimeZone(schedule.zone()));
            cron = schedule.misfire() == Misfire.SKIP ? cron.withMisfireHandlingInstructionDoNothing()
                    : cron.withMisfireHandlingInstructionFireAndProceed();
            Trigger trigger = TriggerBuilder.newTrigger()
                    .withIdentity(schedule.job(), GROUP)
                    .forJob(detail)
                    .withSchedule(cron)
                    .build();
            String when = schedule.cron() + " (" + schedule.zone().getId() + "), misfire " + schedule.misfire().value()
                    + ", from " + schedule.origin();
            if (unchanged(schedule)) {
                output.accept("Kept " + schedule.job() + ": " + when + "; next run " + next(schedule));
            } else {
                scheduler.scheduleJob(detail, Set.of(trigger), true);
                output.accept("Scheduled " + schedule.job() + ": " + when + "; next run " + next(schedule));
            }
        }
    }

    private boolean unchanged(JobSchedule schedule) throws SchedulerException {
        Trigger existing = scheduler.getTrigger(TriggerKey.triggerKey(schedule.job(), GROUP));
        JobDetail detail = scheduler.getJobDetail(JobKey.jobKey(schedule.job(), GROUP));
        if (!(existing instanceof CronTrigger cron) || detail == null) {
            return false;
        }
        Map<String, String> storedParameters = new HashMap<>();
        detail.getJobDataMap().forEach((key, value) -> storedParameters.put(key, String.valueOf(value)));
        return cron.getCronExpression().equals(schedule.cron())
                && cron.getTimeZone().getID().equals(TimeZone.getTimeZone(schedule.zone()).getID())
                && cron.getMisfireInstruction() == schedule.misfire().quartzInstruction()
                && detail.getJobClass() == ScheduledJobLauncher.class
                && storedParameters.equals(schedule.parameters());
    }

    private static String next(JobSchedule schedule) {
        return schedule.nextFireTime(Instant.now()).map(TIME::format).orElse("never");
    }
}
