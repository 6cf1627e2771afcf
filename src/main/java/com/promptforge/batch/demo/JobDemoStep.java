package com.promptforge.batch.demo;

import com.promptforge.batch.job.JobRefusedException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.function.Function;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

/** A demo step that runs a batch job through the one {@code JobRunner}, with its progress lines and summary. */
record JobDemoStep(String title, String job, Function<DemoContext, Map<String, String>> parameters)
        implements DemoStep {

    @Override
    public void run(DemoContext context) {
        LocalDateTime launchTime = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
        JobExecution execution = context.runner().run(job, parameters.apply(context), "demo", launchTime,
                context.out());
        if (execution.getStatus() != BatchStatus.COMPLETED) {
            throw new JobRefusedException("demo: " + job + " ended " + execution.getStatus()
                    + "; its summary above says why");
        }
    }
}
