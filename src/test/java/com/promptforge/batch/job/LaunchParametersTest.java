package com.promptforge.batch.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.job.parameters.JobParameters;

class LaunchParametersTest {

    private static final LocalDateTime LAUNCH = LocalDateTime.of(2026, 12, 6, 23, 45, 25);

    @Test
    void keepsEachValueWithItsParsedTypeAndAddsTheIdentifyingLaunchTime() {
        Map<String, Object> resolved = new LinkedHashMap<>();
        resolved.put("dryRun", true);
        resolved.put("chunkSize", 500L);
        resolved.put("from", LocalDate.of(2026, 11, 1));
        resolved.put("org", "acme");

        JobParameters parameters = LaunchParameters.of(resolved, LAUNCH);

        assertThat(parameters.getParameter("dryRun").type()).isEqualTo(Boolean.class);
        assertThat(parameters.getLong("chunkSize")).isEqualTo(500L);
        assertThat(parameters.getLocalDate("from")).isEqualTo(LocalDate.of(2026, 11, 1));
        assertThat(parameters.getString("org")).isEqualTo("acme");
        JobParameter<?> launchTime = parameters.getParameter(JobRunner.LAUNCH_TIME);
        assertThat(launchTime.value()).isEqualTo(LAUNCH);
        assertThat(launchTime.identifying()).isTrue();
    }

    @Test
    void describesEveryParameterByName() {
        JobParameters parameters = LaunchParameters.of(Map.of("skipLimit", 100L, "chunkSize", 500L), LAUNCH);

        assertThat(LaunchParameters.describe(parameters))
                .isEqualTo("chunkSize=500, launchTime=2026-12-06T23:45:25, skipLimit=100");
    }
}
