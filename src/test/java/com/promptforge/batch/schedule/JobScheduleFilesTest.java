package com.promptforge.batch.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.promptforge.batch.core.BadInputException;
import com.promptforge.batch.notify.NotifyChannel;
import com.promptforge.batch.notify.NotifyRule;
import com.promptforge.batch.job.JobCatalog;
import com.promptforge.batch.job.JobDefinition;
import com.promptforge.batch.job.JobParameterSpec;
import com.promptforge.batch.job.JobsProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.SimpleJob;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/** The jobs/*.yml files: what a good one means, and every bad one refused with its file, field and reason. */
class JobScheduleFilesTest {

    private static final JobDefinition NIGHTLY = new JobDefinition("nightly", "A job for these tests.", List.of(
            JobParameterSpec.integer("graceDays", 7, 0, 365, "grace"),
            JobParameterSpec.bool("dryRun", false, "dry"),
            JobParameterSpec.date("asOf", null, "reference date")));

    @TempDir
    Path dir;

    private JobScheduleFiles files() {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("nightlyDefinition", NIGHTLY);
        beans.addBean("nightly", (Job) new SimpleJob("nightly"));
        JobCatalog catalog = new JobCatalog(beans.getBeanProvider(JobDefinition.class), beans.getBeanProvider(Job.class));
        return new JobScheduleFiles(catalog, new JobsProperties(dir.toString(), null, null));
    }

    private void write(String name, String content) throws IOException {
        Files.writeString(dir.resolve(name), content);
    }

    private String refusal(String content) throws IOException {
        write("nightly.yml", content);
        try {
            files().load();
        } catch (BadInputException e) {
            return e.getMessage();
        }
        throw new AssertionError("accepted: " + content);
    }

    @Test
    void aCompleteFile() throws IOException {
        write("nightly.yml", """
                job: nightly
                cron: "0 30 3 ? * MON-FRI"
                zone: Europe/Berlin
                enabled: true
                misfire: skip
                parameters:
                  graceDays: 3
                  dryRun: true
                  asOf: 2025-01-31
                """);

        JobSchedule schedule = files().load().get(0);

        assertThat(schedule.job()).isEqualTo("nightly");
        assertThat(schedule.cron()).isEqualTo("0 30 3 ? * MON-FRI");
        assertThat(schedule.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(schedule.enabled()).isTrue();
        assertThat(schedule.misfire()).isEqualTo(Misfire.SKIP);
        assertThat(schedule.parameters()).isEqualTo(Map.of("graceDays", "3", "dryRun", "true", "asOf", "2025-01-31"));
        assertThat(schedule.origin()).isEqualTo(dir + "/nightly.yml");
        // Friday 2025-01-31 03:30 in Berlin is 02:30 UTC.
        assertThat(schedule.nextFireTime(Instant.parse("2025-01-31T00:00:00Z")).orElseThrow().toInstant())
                .isEqualTo(Instant.parse("2025-01-31T02:30:00Z"));
    }

    @Test
    void notifyListsEmailAndWebhookChannelsAndOnTheOutcomes() throws IOException {
        write("nightly.yml", """
                job: nightly
                cron: "0 0 2 * * ?"
                notify:
                  - email: ops@example.com
                  - webhook: https://hooks.slack.com/services/T000/B000/secret
                on: [failed]
                """);

        NotifyRule rule = files().load().get(0).notifications();

        assertThat(rule.channels()).containsExactly(new NotifyChannel("email", "ops@example.com"),
                new NotifyChannel("webhook", "https://hooks.slack.com/services/T000/B000/secret"));
        assertThat(rule.on()).containsExactly("failed");
        assertThat(rule.channels().get(1).label()).startsWith("webhook https://hooks.slack.com/… #")
                .doesNotContain("secret");
    }

    @Test
    void aBadNotifyOrOnIsRefusedWithItsFileFieldAndReason() throws IOException {
        String head = "job: nightly\ncron: 0 0 2 * * ?\n";
        Map<String, String> refused = new java.util.LinkedHashMap<>();
        refused.put("notify: ops@example.com", "field notify: expected a list of channels, each 'email: <address>' or"
                + " 'webhook: <http(s) URL>', got 'ops@example.com'");
        refused.put("notify: [sms: '+15550100']", "field notify: unknown channel 'sms'");
        refused.put("notify: [email: ops]", "field notify: 'ops' is not an e-mail address");
        refused.put("notify: [webhook: 'ftp://x/y']", "field notify: the webhook is not an http(s) URL");
        refused.put("on: [stopped]", "field on: 'stopped' is not an outcome: expected completed, failed or both"
                + " ([completed, failed])");
        refused.put("on: []", "field on: names no outcome");
        refused.forEach((line, reason) -> {
            try {
                assertThat(refusal(head + line)).startsWith(dir + "/nightly.yml: " + reason);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @Test
    void withoutOnEveryOutcomeNotifiesAndWithoutNotifyNobodyIs() throws IOException {
        write("nightly.yml", "job: nightly\ncron: 0 0 2 * * ?\nnotify: [email: ops@example.com]\n");
        assertThat(files().load().get(0).notifications().on()).containsExactlyInAnyOrder("completed", "failed");

        write("nightly.yml", "job: nightly\ncron: 0 0 2 * * ?\n");
        assertThat(files().load().get(0).notifications().channels()).isEmpty();
    }

    @Test
    void onlyJobAndCronAreRequired() throws IOException {
        write("nightly.yml", "job: nightly\ncron: 0 0 2 * * ?\n");

        JobSchedule schedule = files().load().get(0);

        assertThat(schedule.zone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(schedule.enabled()).isTrue();
        assertThat(schedule.misfire()).isEqualTo(Misfire.FIRE_ONCE);
        assertThat(schedule.parameters()).isEmpty();
    }

    @Test
    void theRepositorysOwnScheduleIsValidForItsJob() throws IOException {
        String file = Files.readString(Path.of("jobs", "entitlement-sync.yml"));
        assertThat(file).contains("job: entitlement-sync").contains("cron: \"0 0 2 * * ?\"").contains("zone: UTC")
                .contains("enabled: true").contains("misfire: fire-once").contains("parameters: {}");
    }

    @Test
    void aFolderWithoutFilesSchedulesNothingAndOtherFilesAreIgnored() throws IOException {
        write("README.md", "not a schedule");

        assertThat(files().load()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown job            | job: weekly\\ncron: 0 0 2 * * ?                          | field job: unknown job 'weekly': expected one of nightly
            missing job            | cron: 0 0 2 * * ?                                         | field job is missing
            job not text           | job: [nightly]\\ncron: 0 0 2 * * ?                        | field job: expected text, got a list
            missing cron           | job: nightly                                              | field cron is missing
            invalid cron           | job: nightly\\ncron: 0 0 25 * * ?                         | field cron: '0 0 25 * * ?' is not valid (Hour values must be between 0 and 23)
            cron of five fields    | job: nightly\\ncron: 0 2 * * *                            | field cron: '0 2 * * *' is not valid
            cron never firing      | job: nightly\\ncron: 0 0 2 * * ? 2001                     | field cron: '0 0 2 * * ? 2001' never fires from now on
            unknown zone           | job: nightly\\ncron: 0 0 2 * * ?\\nzone: Mars/Olympus     | field zone: unknown time zone 'Mars/Olympus': expected an IANA zone id such as UTC or Europe/Berlin
            unknown field          | job: nightly\\ncron: 0 0 2 * * ?\\nschedule: daily        | unknown field 'schedule': expected job, cron, zone, enabled, misfire, parameters, notify, on
            misspelt field         | job: nightly\\ncron: 0 0 2 * * ?\\nenable: false          | unknown field 'enable': expected job, cron, zone, enabled, misfire, parameters, notify, on
            enabled not boolean    | job: nightly\\ncron: 0 0 2 * * ?\\nenabled: sometimes     | field enabled: must be true or false, got 'sometimes'
            bad misfire            | job: nightly\\ncron: 0 0 2 * * ?\\nmisfire: retry         | field misfire: must be fire-once|skip, got 'retry'
            unknown parameter      | job: nightly\\ncron: 0 0 2 * * ?\\nparameters: {colour: red} | unknown parameter 'colour' for job nightly: expected one of graceDays, dryRun, asOf
            bad parameter value    | job: nightly\\ncron: 0 0 2 * * ?\\nparameters: {graceDays: 999} | parameter graceDays must be a whole number from 0 to 365, got '999'
            bad parameter type     | job: nightly\\ncron: 0 0 2 * * ?\\nparameters: {dryRun: maybe} | parameter dryRun must be true or false, got 'maybe'
            nested parameter       | job: nightly\\ncron: 0 0 2 * * ?\\nparameters: {graceDays: [1, 2]} | parameter graceDays: expected a single value, got a list
            parameters not a map   | job: nightly\\ncron: 0 0 2 * * ?\\nparameters: [graceDays] | field parameters: expected a mapping of name: value, got a list
            duplicate field        | job: nightly\\ncron: 0 0 2 * * ?\\ncron: 0 0 3 * * ?      | not valid YAML: found duplicate key cron
            not yaml               | job: nightly\\ncron: [0 0 2 * * ?                         | not valid YAML:
            not a mapping          | - job: nightly                                            | expected a mapping of the fields job, cron, zone, enabled, misfire, parameters, notify, on, got a list
            empty file             | ''                                                        | the file is empty: expected the fields job, cron, zone, enabled, misfire, parameters, notify, on
            """)
    void aBadFileIsRefusedWithItsFileFieldAndReason(String what, String content, String reason) throws IOException {
        assertThat(refusal(content.replace("\\n", "\n"))).startsWith(dir + "/nightly.yml: " + reason);
    }

    @Test
    void aFileNamedOtherwiseThanItsJobIsRefused() throws IOException {
        write("nightly-job.yml", "job: nightly\ncron: 0 0 2 * * ?\n");

        assertThatThrownBy(() -> files().load()).isInstanceOf(BadInputException.class)
                .hasMessage(dir + "/nightly-job.yml: field job: the file of job nightly must be named nightly.yml");
    }

    @Test
    void aYamlExtensionIsRefused() throws IOException {
        write("nightly.yaml", "job: nightly\ncron: 0 0 2 * * ?\n");

        assertThatThrownBy(() -> files().load()).isInstanceOf(BadInputException.class)
                .hasMessage(dir + "/nightly.yaml: schedule files end in .yml: rename it to nightly.yml");
    }

    @Test
    void aDisabledFileIsStillCheckedStrictly() throws IOException {
        assertThat(refusal("job: nightly\ncron: 0 0 2 * * ?\nenabled: false\nzone: Nowhere/Land"))
                .contains("field zone: unknown time zone 'Nowhere/Land'");
    }

    @Test
    void aMissingJobsFolderIsRefused() {
        JobScheduleFiles missing = new JobScheduleFiles(new JobCatalog(new StaticListableBeanFactory()
                .getBeanProvider(JobDefinition.class), new StaticListableBeanFactory().getBeanProvider(Job.class)),
                new JobsProperties(dir.resolve("absent").toString(), null, null));

        assertThatThrownBy(missing::load).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("PF_JOBS_DIR: " + dir.resolve("absent") + " is not a folder");
    }
}
