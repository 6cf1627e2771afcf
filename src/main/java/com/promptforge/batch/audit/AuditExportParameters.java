package com.promptforge.batch.audit;

import com.promptforge.batch.core.BadInputException;
import com.promptforge.batch.job.JobParameterSpec;
import com.promptforge.batch.job.JobParameterValues;
import java.time.LocalDate;
import java.util.List;

/**
 * The parameters of audit-export, declared once ({@link #SPECS}) and bound from a job's parameters: which
 * organization ({@code org}: an id, a slug or {@code all}, resolved against the database by
 * {@link com.promptforge.batch.db.OrganizationLookup}) and which days ({@code from}..{@code to}, UTC, both inclusive).
 *
 * <p>Without {@code from} and {@code to} the period is the calendar month (UTC) before the launch time: that is
 * how the monthly schedule exports "the previous month", and a restarted execution, which keeps its launch time,
 * exports the same month again.
 */
record AuditExportParameters(String org, LocalDate from, LocalDate to) {

    static final String ORG = "org";
    static final String FROM = "from";
    static final String TO = "to";
    static final String ALL = "all";

    static final List<JobParameterSpec> SPECS = List.of(
            JobParameterSpec.text(ORG, ALL, "The organization: its id (a uuid), its slug, or all."),
            JobParameterSpec.date(FROM, null, "First day (UTC) of the runs exported. Give from and to together; "
                    + "without both, the calendar month before the launch (UTC), as the monthly schedule does."),
            JobParameterSpec.date(TO, null, "Last day (UTC) of the runs exported, inclusive; on or after from."));

    boolean allOrgs() {
        return ALL.equals(org);
    }

    /**
     * Made by {@link com.promptforge.batch.job.JobParametersBinder} from a run's parameters: settles the period.
     *
     * @throws BadInputException for an empty org, only one of from and to, or from after to
     */
    static AuditExportParameters from(JobParameterValues values) {
        String org = values.text(ORG).strip();
        if (org.isEmpty()) {
            throw new BadInputException("parameter org is empty: expected an organization's id (uuid), its slug, "
                    + "or all");
        }
        LocalDate from = values.date(FROM);
        LocalDate to = values.date(TO);
        if ((from == null) != (to == null)) {
            throw new BadInputException("parameter " + (from == null ? TO : FROM) + " is given without "
                    + (from == null ? FROM : TO) + ": expected both (yyyy-mm-dd) or neither (the previous month)");
        }
        if (from == null) {
            LocalDate launched = values.launchTime().toLocalDate();
            from = launched.withDayOfMonth(1).minusMonths(1);
            to = from.plusMonths(1).minusDays(1);
        } else if (from.isAfter(to)) {
            throw new BadInputException("parameter from " + from + " is after to " + to
                    + ": expected from on or before to (to is inclusive)");
        }
        return new AuditExportParameters(org, from, to);
    }
}
