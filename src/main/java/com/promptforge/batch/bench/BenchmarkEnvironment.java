package com.promptforge.batch.bench;

import com.promptforge.batch.db.DatabaseTarget;
import com.promptforge.batch.job.JobRunner;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.jdbc.core.JdbcTemplate;

/** What the cases measure with: the database (and where it is, for a child JVM), the job runner, where to print. */
public record BenchmarkEnvironment(DataSource dataSource, DatabaseTarget target, JobRunner runner,
                                   Consumer<String> out) {

    public JdbcTemplate jdbc() {
        return new JdbcTemplate(dataSource);
    }

    /** Runs a job to completion, its lines discarded; returns the seconds it took. */
    public double runJob(String job, Map<String, String> parameters) {
        LocalDateTime launchTime = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
        long started = System.nanoTime();
        JobExecution execution = runner.run(job, parameters, "bench", launchTime, line -> { });
        double seconds = (System.nanoTime() - started) / 1e9;
        if (execution.getStatus() != BatchStatus.COMPLETED) {
            throw new IllegalStateException("bench: " + job + " ended " + execution.getStatus());
        }
        return seconds;
    }

    /** Seconds one statement takes. */
    public double timeStatement(String sql) {
        long started = System.nanoTime();
        jdbc().execute(sql);
        return (System.nanoTime() - started) / 1e9;
    }
}
