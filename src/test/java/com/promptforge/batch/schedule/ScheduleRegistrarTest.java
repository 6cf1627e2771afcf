package com.promptforge.batch.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.promptforge.batch.job.TestApplication;
import com.promptforge.batch.testing.PromptForgeDatabase;
import com.promptforge.batch.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.CronTrigger;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.TriggerKey;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The clustered Quartz store ends up holding exactly the enabled schedules: new, unchanged, edited, disabled and
 * removed files (the scheduler is not started: registering only writes the store).
 */
@PromptForgeDatabase
class ScheduleRegistrarTest {

    private static final TriggerKey TRIGGER = TriggerKey.triggerKey("test-count", ScheduleRegistrar.GROUP);
    private static final JobKey JOB = JobKey.jobKey("test-count", ScheduleRegistrar.GROUP);

    @Test
    void theStoreFollowsTheFiles(TestDatabase db, @TempDir Path dir) throws Exception {
        Map<String, Object> properties = new HashMap<>(db.applicationProperties());
        properties.put("pf.test-jobs", "true");
        properties.put("pf.jobs.dir", dir.toString());
        try (ConfigurableApplicationContext context = TestApplication.start(properties)) {
            Scheduler scheduler = context.getBean(Scheduler.class);
            JobScheduleFiles files = context.getBean(JobScheduleFiles.class);
            ScheduleRegistrar registrar = context.getBean(ScheduleRegistrar.class);
            List<String> output = new ArrayList<>();

            write(dir, "cron: \"0 0 2 * * ?\"\nparameters: {items: 3}\n");
            registrar.register(files.load(), output::add);
            CronTrigger first = (CronTrigger) scheduler.getTrigger(TRIGGER);
            assertThat(first.getCronExpression()).isEqualTo("0 0 2 * * ?");
            assertThat(first.getTimeZone().getID()).isEqualTo("UTC");
            assertThat(first.getMisfireInstruction()).isEqualTo(CronTrigger.MISFIRE_INSTRUCTION_FIRE_ONCE_NOW);
            assertThat(scheduler.getJobDetail(JOB).getJobDataMap().getString("items")).isEqualTo("3");
            assertThat(scheduler.getJobDetail(JOB).getJobClass()).isEqualTo(ScheduledJobLauncher.class);
            assertThat(scheduler.getJobDetail(JOB).isConcurrentExecutionDisallowed()).isTrue();
            assertThat(db.jdbc().queryForObject("select count(*) from quartz.qrtz_triggers", Integer.class)).isOne();
            assertThat(output).singleElement().asString().startsWith("Scheduled test-count: 0 0 2 * * ? (UTC), "
                    + "misfire fire-once, from " + dir + "/test-count.yml; next run ");

            output.clear();
            registrar.register(files.load(), output::add);
            assertThat(scheduler.getTrigger(TRIGGER).getStartTime()).isEqualTo(first.getStartTime());
            assertThat(output).singleElement().asString().startsWith("Kept test-count");

            output.clear();
            write(dir, "cron: \"0 15 4 * * ?\"\nzone: America/New_York\nmisfire: skip\nparameters: {items: 3}\n");
            registrar.register(files.load(), output::add);
            CronTrigger edited = (CronTrigger) scheduler.getTrigger(TRIGGER);
            assertThat(edited.getCronExpression()).isEqualTo("0 15 4 * * ?");
            assertThat(edited.getTimeZone().getID()).isEqualTo("America/New_York");
            assertThat(edited.getMisfireInstruction()).isEqualTo(CronTrigger.MISFIRE_INSTRUCTION_DO_NOTHING);
            assertThat(output).singleElement().asString().startsWith("Scheduled test-count: 0 15 4 * * ?");

            output.clear();
            write(dir, "cron: \"0 15 4 * * ?\"\nzone: America/New_York\nmisfire: skip\nparameters: {items: 4}\n");
            registrar.register(files.load(), output::add);
            assertThat(scheduler.getJobDetail(JOB).getJobDataMap().getString("items")).isEqualTo("4");
            assertThat(output).singleElement().asString().startsWith("Scheduled test-count");

            output.clear();
            write(dir, "cron: \"0 15 4 * * ?\"\nenabled: false\n");
            registrar.register(files.load(), output::add);
            assertThat(scheduler.getTrigger(TRIGGER)).isNull();
            assertThat(scheduler.getJobDetail(JOB)).isNull();
            assertThat(output).containsExactly("Unscheduled test-count (disabled in " + dir + "/test-count.yml)");

            write(dir, "cron: \"0 0 2 * * ?\"\n");
            registrar.register(files.load(), line -> { });
            assertThat(scheduler.getTrigger(TRIGGER)).isNotNull();
            output.clear();
            Files.delete(dir.resolve("test-count.yml"));
            registrar.register(files.load(), output::add);
            assertThat(scheduler.getTrigger(TRIGGER)).isNull();
            assertThat(output).containsExactly("Unscheduled test-count (it has no schedule file)");
            assertThat(db.jdbc().queryForObject("select count(*) from quartz.qrtz_job_details", Integer.class)).isZero();
        }
    }

    private static void write(Path dir, String rest) throws IOException {
        Files.writeString(dir.resolve("test-count.yml"), "job: test-count\n" + rest);
    }
}
