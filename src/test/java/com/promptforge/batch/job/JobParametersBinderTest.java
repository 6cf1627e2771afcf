package com.promptforge.batch.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.promptforge.batch.core.BadInputException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

class JobParametersBinderTest {

    /** A job's parameter record as the jobs write theirs. */
    record Sample(int chunkSize, boolean dryRun, String org, LocalDate from, LocalDateTime launched) {
        static Sample from(JobParameterValues values) {
            if ("none".equals(values.text("org"))) {
                throw new BadInputException("parameter org is none: expected an organization");
            }
            return new Sample(values.intValue("chunkSize"), values.booleanValue("dryRun"), values.text("org"),
                    values.date("from"), values.launchTime());
        }
    }

    private static final JobDefinition DEFINITION = new JobDefinition("sample", "A sample job.", List.of(
            JobParameterSpec.integer("chunkSize", 500, 1, 10_000, "per chunk"),
            JobParameterSpec.bool("dryRun", false, "no writes"),
            JobParameterSpec.text("org", null, "one org"),
            JobParameterSpec.date("from", null, "first day")));

    private static final JobParametersBinder<Sample> BINDER = new JobParametersBinder<>(DEFINITION, Sample::from);

    private static final LocalDateTime LAUNCH = LocalDateTime.of(2026, 12, 1, 3, 0);

    @Test
    void bindsTheJobParametersIntoTheRecordWithTheDefaultsAndTheLaunchTime() {
        JobParameters parameters = LaunchParameters.of(Map.of("org", "acme"), LAUNCH);

        assertThat(BINDER.bind(parameters)).isEqualTo(new Sample(500, false, "acme", null, LAUNCH));
    }

    @Test
    void bindsValuesHoweverTheLauncherTypedThem() {
        JobParameters parameters = new JobParametersBuilder()
                .addString("chunkSize", "20")
                .addString("dryRun", "true")
                .addLocalDate("from", LocalDate.of(2026, 11, 1))
                .addString("notDeclared", "ignored")
                .addLocalDateTime(JobRunner.LAUNCH_TIME, LAUNCH)
                .toJobParameters();

        assertThat(BINDER.bind(parameters)).isEqualTo(new Sample(20, true, null, LocalDate.of(2026, 11, 1), LAUNCH));
    }

    @Test
    void theValidatorRefusesABadValueWithTheCommandLinesOneLine() {
        JobParameters parameters = LaunchParameters.of(Map.of("chunkSize", 0L), LAUNCH);

        assertThatThrownBy(() -> BINDER.validator().validate(parameters))
                .isInstanceOf(InvalidJobParametersException.class)
                .hasMessage("job sample: parameter chunkSize must be a whole number from 1 to 10000, got '0'");
    }

    @Test
    void theValidatorRefusesWhatTheRecordRefuses() {
        JobParameters parameters = LaunchParameters.of(Map.of("org", "none"), LAUNCH);

        assertThatThrownBy(() -> BINDER.validator().validate(parameters))
                .isInstanceOf(InvalidJobParametersException.class)
                .hasMessage("parameter org is none: expected an organization");
    }

    @Test
    void theValidatorRefusesWhatTheDatabaseCheckRefuses() {
        JobParameters parameters = LaunchParameters.of(Map.of("org", "ghost"), LAUNCH);

        assertThatThrownBy(() -> BINDER.validator(sample -> {
            throw new BadInputException("parameter org: no organization has the slug '" + sample.org() + "'");
        }).validate(parameters))
                .isInstanceOf(InvalidJobParametersException.class)
                .hasMessage("parameter org: no organization has the slug 'ghost'");
    }

    @Test
    void theValidatorAcceptsGoodParametersThatPassTheCheck() throws InvalidJobParametersException {
        JobParameters parameters = LaunchParameters.of(Map.of("org", "acme"), LAUNCH);
        List<Sample> checked = new java.util.ArrayList<>();

        BINDER.validator(checked::add).validate(parameters);

        assertThat(checked).containsExactly(new Sample(500, false, "acme", null, LAUNCH));
    }
}
