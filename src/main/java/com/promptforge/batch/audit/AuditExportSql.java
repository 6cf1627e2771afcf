package com.promptforge.batch.audit;

/**
 * The two streaming queries of the export, run one after the other in one read-only repeatable-read transaction
 * so that runs and bundles come from the same snapshot. Both order by (created_at, id): a total order, so the same
 * data always gives the same rows in the same order (and a restart redoes exactly the rows of an uninterrupted
 * run). Organization names and user e-mails come from the same query (joins), never one lookup per row.
 */
public final class AuditExportSql {

    private AuditExportSql() {
    }

    /** Whether the database has Supabase's auth.users (or a stand-in) to take e-mails from. */
    static final String HAS_AUTH_USERS = "select to_regclass('auth.users') is not null";

    /**
     * Runs created in [start, end) (parameters 2 and 3), scores left-joined (unscored runs too), oldest first.
     * Parameter 1 is the export threshold; parameter 4, when present, the organization.
     */
    private static final String RUNS = """
            select r.id::text             as run_id,
                   r.org_id::text         as org_id,
                   o.slug                 as org_slug,
                   o.name                 as org_name,
                   r.created_at,
                   r.user_id::text        as user_id,
                   %1$s                   as user_email,
                   r.module_id,
                   r.domain_code,
                   r.status,
                   s.clarity,
                   s.execution,
                   s.ambiguity,
                   s.alignment,
                   s.business_fit,
                   s.overall::float8      as overall,
                   -- unscored runs are never export-ready
                   coalesce(s.overall >= ?, false) as export_ready
              from public.runs r
              join public.organizations o on o.id = r.org_id
              left join public.prompt_scores s on s.run_id = r.id
              %2$s
             where r.created_at >= ? and r.created_at < ?
               %3$s
             order by r.created_at, r.id""";

    /**
     * Bundles of the runs created in [start, end) (parameters 1 and 2), oldest first; parameter 3, when present,
     * the organization, matched on the bundle's own org_id so that an org's export lists only its own bundles.
     * The run is joined whatever its org: a bundle whose run belongs to another org is an anomaly to show.
     */
    private static final String BUNDLES = """
            select b.id::text             as bundle_id,
                   b.run_id::text         as run_id,
                   b.org_id::text         as org_id,
                   o.slug                 as org_slug,
                   o.name                 as org_name,
                   b.created_at,
                   array_to_string(b.formats, ', ') as formats,
                   b.checksum,
                   b.license_notice,
                   b.created_by::text     as created_by,
                   %1$s                   as created_by_email,
                   r.org_id::text         as run_org_id,
                   s.overall::float8      as run_overall,
                   -- the format the table's check constraint demands: a row that fails it was planted around it
                   b.checksum ~ '^sha256:[0-9a-f]{64}$' as checksum_format_ok
              from public.bundles b
              join public.runs r on r.id = b.run_id
              join public.organizations o on o.id = b.org_id
              left join public.prompt_scores s on s.run_id = r.id
              %2$s
             where r.created_at >= ? and r.created_at < ?
               %3$s
             order by b.created_at, b.id""";

    /** How many rows the two queries will return, for the progress line (same parameters as the queries). */
    private static final String COUNT = """
            select (select count(*) from public.runs r
                     where r.created_at >= ? and r.created_at < ? %1$s) as runs,
                   (select count(*) from public.bundles b join public.runs r on r.id = b.run_id
                     where r.created_at >= ? and r.created_at < ? %2$s) as bundles""";

    static String runs(boolean allOrgs, boolean withEmails) {
        return RUNS.formatted(withEmails ? "u.email::text" : "null::text",
                withEmails ? "left join auth.users u on u.id = r.user_id" : "",
                allOrgs ? "" : "and r.org_id = ?");
    }

    static String bundles(boolean allOrgs, boolean withEmails) {
        return BUNDLES.formatted(withEmails ? "u.email::text" : "null::text",
                withEmails ? "left join auth.users u on u.id = b.created_by" : "",
                allOrgs ? "" : "and b.org_id = ?");
    }

    /**
     * The export's two queries for every organization and the days from..to (UTC, inclusive), values written in,
     * each as {@code copy (...) to stdout (format csv)}: the floor the benchmark suite measures the job against.
     */
    public static java.util.List<String> copyToCsv(java.time.LocalDate from, java.time.LocalDate to) {
        AuditScope scope = new AuditScope(null, from, to);
        String start = "'" + scope.start() + "'::timestamptz";
        String end = "'" + scope.endExclusive() + "'::timestamptz";
        String runs = runs(true, false).replaceFirst("\\?", String.valueOf(ExportThreshold.OVERALL))
                .replaceFirst("\\?", start).replaceFirst("\\?", end);
        String bundles = bundles(true, false).replaceFirst("\\?", start).replaceFirst("\\?", end);
        return java.util.List.of("copy (" + runs + ") to stdout (format csv)",
                "copy (" + bundles + ") to stdout (format csv)");
    }

    static String count(boolean allOrgs) {
        return COUNT.formatted(allOrgs ? "" : "and r.org_id = ?", allOrgs ? "" : "and b.org_id = ?");
    }
}
