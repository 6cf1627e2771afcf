package com.promptforge.batch.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.promptforge.batch.job.CliResult;
import com.promptforge.batch.job.JobCatalog;
import com.promptforge.batch.job.JobDefinition;
import com.promptforge.batch.job.JobRunner;
import com.promptforge.batch.job.JobsProperties;
import com.promptforge.batch.schedule.JobSchedule;
import com.promptforge.batch.schedule.JobScheduleFiles;
import com.promptforge.batch.testing.PromptForgeDatabase;
import com.promptforge.batch.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.SimpleJob;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/**
 * What audit-export accepts: every bad parameter is refused through the command line with exit 2 and one line,
 * before a job execution exists and without a file; without from and to it exports the month before its launch,
 * which is what the monthly schedule in jobs/audit-export.yml relies on.
 */
@PromptForgeDatabase
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditExportParametersTest {

    private TestDatabase db;
    private Map<String, Object> properties;
    private Path reportsDir;

    @BeforeAll
    void plant(TestDatabase db) throws IOException {
        this.db = db;
        AuditData data = new AuditData(db.jdbc());
        data.org(1, "acme", "Acme", null);
        reportsDir = Files.createTempDirectory("pf-audit-parameters");
        properties = new HashMap<>(db.applicationProperties());
        properties.put("pf.reports-dir", reportsDir.toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', textBlock = """
            unknown slug;      org=nope from=2026-11-01 to=2026-11-30;   no organization has the id or slug 'nope': expected an organization's id (uuid), its slug, or all
            unknown id;        org=00000000-0000-4000-8000-00000000abcd from=2026-11-01 to=2026-11-30; no organization has the id or slug '00000000-0000-4000-8000-00000000abcd'
            month 13;          org=acme from=2026-13-01 to=2026-12-31;   parameter from must be a date as yyyy-mm-dd, got '2026-13-01'
            not a date;        org=acme from=2026-11-01 to=yesterday;    parameter to must be a date as yyyy-mm-dd, got 'yesterday'
            day first;         org=acme from=01-11-2026 to=2026-11-30;   parameter from must be a date as yyyy-mm-dd, got '01-11-2026'
            from after to;     org=acme from=2026-12-01 to=2026-11-30;   parameter from 2026-12-01 is after to 2026-11-30: expected from on or before to
            from without to;   org=acme from=2026-11-01;                 parameter from is given without to: expected both (yyyy-mm-dd) or neither
            empty org;         org= from=2026-11-01 to=2026-11-30;       parameter org is empty
            unknown parameter; org=acme since=2026-11-01;                unknown parameter 'since' for job audit-export: expected one of org, from, to
            """)
    void aBadParameterExitsWith2AndOneLineBeforeAnythingRunsOrIsWritten(String what, String arguments,
                                                                         String message) throws IOException {
        long executions = executions();
        List<String> args = new java.util.ArrayList<>(List.of("run", "audit-export"));
        args.addAll(List.of(arguments.split(" ")));

        CliResult result = CliResult.run(properties, args.toArray(String[]::new));

        assertThat(result.exit()).as(result.toString()).isEqualTo(2);
        assertThat(result.err().lines().toList()).as(result.toString()).hasSize(1);
        assertThat(result.err()).contains(message);
        assertThat(executions()).isEqualTo(executions);
        assertThat(Files.exists(reportsDir.resolve("audit"))).isFalse();
    }

    @Test
    void withoutFromAndToItExportsTheMonthBeforeTheLaunch() {
        assertThat(period(LocalDateTime.of(2026, 12, 1, 3, 0)))
                .containsExactly(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 30));
        assertThat(period(LocalDateTime.of(2027, 1, 1, 3, 0)))
                .containsExactly(LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 31));
        assertThat(period(LocalDateTime.of(2028, 3, 31, 23, 59)))
                .containsExactly(LocalDate.of(2028, 2, 1), LocalDate.of(2028, 2, 29));
    }

    @Test
    void theMonthlyScheduleFiresOnTheFirstAt3UtcForAllOrgsAndThePreviousMonth(@TempDir Path jobs) throws IOException {
        Files.copy(Path.of("jobs", "audit-export.yml"), jobs.resolve("audit-export.yml"));
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("auditExportJobDefinition", AuditExportJobConfiguration.definition());
        beans.addBean(AuditExportJobConfiguration.JOB_NAME, (Job) new SimpleJob(AuditExportJobConfiguration.JOB_NAME));
        JobCatalog catalog = new JobCatalog(beans.getBeanProvider(JobDefinition.class),
                beans.getBeanProvider(Job.class));

        JobSchedule schedule = new JobScheduleFiles(catalog, new JobsProperties(jobs.toString(), null, null)).load()
                .get(0);

        assertThat(schedule.enabled()).isTrue();
        assertThat(schedule.parameters()).isEqualTo(Map.of("org", "all"));
        LocalDateTime fire = schedule.nextFireTime(Instant.parse("2026-12-15T10:00:00Z")).orElseThrow()
                .withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime();
        assertThat(fire).isEqualTo(LocalDateTime.of(2027, 1, 1, 3, 0));
        Map<String, Object> launched = new HashMap<>(schedule.parameters());
        launched.put(JobRunner.LAUNCH_TIME, fire);
        AuditExportParameters parameters = AuditExportJobConfiguration.PARAMETERS.bind(
                launched);
        assertThat(parameters.allOrgs()).isTrue();
        assertThat(List.of(parameters.from(), parameters.to()))
                .containsExactly(LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 31));
    }

    @Test
    void helpRunListsTheParametersWithWhatTheyAccept() {
        CliResult help = CliResult.run(properties, "help", "run");

        assertThat(help.exit()).isZero();
        assertThat(help.out().replaceAll("\\s+", " ")).contains("audit-export").contains("org=all").contains("from=(no default)")
                .contains("to=(no default)").contains("the calendar month before the launch");
    }

    private static List<LocalDate> period(LocalDateTime launchTime) {
        AuditExportParameters parameters = AuditExportJobConfiguration.PARAMETERS.bind(
                Map.of(JobRunner.LAUNCH_TIME, launchTime, "org", "acme"));
        return List.of(parameters.from(), parameters.to());
    }

    private long executions() {
        return db.jdbc().queryForObject("select count(*) from batch.batch_job_execution", Long.class);
    }

}
