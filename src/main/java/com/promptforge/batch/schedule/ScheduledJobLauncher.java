package com.promptforge.batch.schedule;

import com.promptforge.batch.core.BadInputException;
import com.promptforge.batch.job.JobRefusedException;
import com.promptforge.batch.job.JobRunner;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a trigger fires: runs the batch job named by the Quartz job's key through {@link JobRunner}, with the
 * parameters stored in its job data and the trigger's scheduled fire time as launch time (so a firing starts its
 * job instance at most once). Never two at a time per job, in the whole cluster.
 */
@DisallowConcurrentExecution
public class ScheduledJobLauncher implements Job {

    private static final Logger log = LoggerFactory.getLogger(ScheduledJobLauncher.class);

    private final JobRunner runner;

    public ScheduledJobLauncher(JobRunner runner) {
        this.runner = runner;
    }

    @Override
    public void execute(JobExecutionContext context) {
        String jobName = context.getJobDetail().getKey().getName();
        Map<String, String> parameters = new LinkedHashMap<>();
        context.getMergedJobDataMap().forEach((key, value) -> parameters.put(key, String.valueOf(value)));
        LocalDateTime scheduled = LocalDateTime.ofInstant(context.getScheduledFireTime().toInstant(), ZoneOffset.UTC);
        log.info("Trigger fired: job={} scheduled={}Z instance={}", jobName, scheduled, instanceId(context));
        try {
            runner.run(jobName, parameters, "schedule of " + jobName, scheduled, log::info);
        } catch (JobRefusedException | BadInputException e) {
            log.warn(e.getMessage());
        } catch (RuntimeException e) {
            log.error("{} could not be run: {}", jobName, e.getMessage(), e);
        }
    }

    private static String instanceId(JobExecutionContext context) {
        try {
            return context.getScheduler().getSchedulerInstanceId();
        } catch (SchedulerException e) {
            log.warn("Could not read the scheduler's instance id: {}", e.toString(), e);
            return "?";
        }
    }
}
