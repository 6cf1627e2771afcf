package com.promptforge.batch.job;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * A run's parameters as Spring Batch keeps them: the values a {@link JobDefinition} resolved, each with the type
 * it was parsed to, plus the identifying {@value JobRunner#LAUNCH_TIME}; and as the start lines print them.
 */
final class LaunchParameters {

    private LaunchParameters() {
    }

    /** {@code resolved} (Boolean, Long, LocalDate or text) and the launch time (UTC) as job parameters. */
    static JobParameters of(Map<String, Object> resolved, LocalDateTime launchTime) {
        JobParametersBuilder builder = new JobParametersBuilder();
        resolved.forEach((name, value) -> {
            if (value instanceof Boolean flag) {
                builder.addJobParameter(name, flag, Boolean.class);
            } else if (value instanceof Long number) {
                builder.addLong(name, number);
            } else if (value instanceof LocalDate date) {
                builder.addLocalDate(name, date);
            } else {
                builder.addString(name, String.valueOf(value));
            }
        });
        builder.addLocalDateTime(JobRunner.LAUNCH_TIME, launchTime);
        return builder.toJobParameters();
    }

    /** "chunkSize=500, dryRun=false, launchTime=...": every parameter, by name. */
    static String describe(JobParameters parameters) {
        Map<String, Object> values = new TreeMap<>();
        parameters.parameters().forEach(parameter -> values.put(parameter.name(), parameter.value()));
        return values.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + entry.getValue())
                .collect(Collectors.joining(", "));
    }
}
