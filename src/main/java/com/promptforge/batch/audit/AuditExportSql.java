package com.promptforge.batch.audit;

import com.promptforge.batch.db.SqlResources;
import com.promptforge.batch.db.UserEmails;
import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * The statements of the export ({@code audit/sql/}): the runs and the bundles, streamed one after the other in one
 * read-only repeatable-read transaction so that they come from the same snapshot, and their counts for the progress
 * line. Parameters: {@code :start}, {@code :end}, {@code :org} (null: every organization), {@code :threshold}.
 */
public final class AuditExportSql {

    /** Whether the database has Supabase's auth.users (or a stand-in) to take e-mails from. */
    static final String HAS_AUTH_USERS = load("has_auth_users.sql");
    static final String RUNS = load("scored_runs.sql");
    static final String BUNDLES = load("audited_bundles.sql");
    static final String COUNT = load("export_row_counts.sql");

    /** Rows per round trip of the export's cursors. */
    public static final int FETCH_SIZE = AuditExport.FETCH_SIZE;

    private AuditExportSql() {
    }

    /** The values of the statements' parameters for {@code scope}. */
    static MapSqlParameterSource parameters(AuditScope scope) {
        return new MapSqlParameterSource()
                .addValue("start", scope.start())
                .addValue("end", scope.endExclusive())
                .addValue("org", scope.allOrgs() ? null : scope.org().id())
                .addValue("threshold", ExportThreshold.OVERALL);
    }

    /**
     * The export's two queries (runs, then bundles) as the job runs them for every organization without e-mails:
     * the floor the benchmark suite measures the job against. {@link #parameters(LocalDate, LocalDate)} binds them.
     */
    public static List<String> everyOrgWithoutEmails() {
        UserEmails none = new UserEmails(false);
        return List.of(none.inStatement(RUNS), none.inStatement(BUNDLES));
    }

    /** The values of the statements' parameters for every organization and the days from..to (UTC, inclusive). */
    public static MapSqlParameterSource parameters(LocalDate from, LocalDate to) {
        return parameters(new AuditScope(null, from, to));
    }

    private static String load(String file) {
        return SqlResources.statement(AuditExportSql.class, file);
    }
}
