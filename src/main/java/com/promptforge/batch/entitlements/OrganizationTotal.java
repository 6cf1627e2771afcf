package com.promptforge.batch.entitlements;

import com.promptforge.batch.job.ProgressListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;

/** Tells the progress line how many organizations the step goes through in all (a restart counts again). */
final class OrganizationTotal implements StepExecutionListener {

    private final JdbcTemplate jdbc;

    OrganizationTotal(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        Long total = jdbc.queryForObject("select count(*) from public.organizations", Long.class);
        stepExecution.getExecutionContext().putLong(ProgressListener.TOTAL, total == null ? 0 : total);
    }
}
