package com.promptforge.batch.entitlements;

import com.promptforge.batch.testing.TestDatabase;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Test data for the sync: organizations, subscriptions, grants and hand-made entitlement rows, and the
 * projection and change log read back. Times are relative to the database's now(), as intervals
 * ("3 days", "-1 hour"); null means none.
 */
final class Billing {

    /** The plan definitions of 008, flag by flag. */
    static final Map<String, Boolean> PILOT = flags(false, false, false, false, false, false);
    static final Map<String, Boolean> PRO = flags(true, false, true, true, false, false);
    static final Map<String, Boolean> ENTERPRISE = flags(true, true, true, true, true, true);

    private final JdbcTemplate jdbc;

    Billing(TestDatabase db) {
        this.jdbc = db.jdbc();
    }

    JdbcTemplate jdbc() {
        return jdbc;
    }

    UUID org() {
        UUID id = UUID.randomUUID();
        jdbc.update("insert into public.organizations (id, name, slug) values (?, ?, ?)",
                id, "Org " + id, "org-" + id.toString().substring(0, 18));
        return id;
    }

    /** A subscription; {@code periodEnd} and {@code trialEnd} are intervals from now, or null. */
    void subscription(UUID org, String plan, String status, String periodEnd, String trialEnd) {
        jdbc.update("""
                insert into public.subscriptions (org_id, plan_code, status, current_period_start,
                                                  current_period_end, trial_end)
                values (?, ?, ?, now() - interval '40 days', now() + cast(? as interval), now() + cast(? as interval))
                """, org, plan, status, periodEnd, trialEnd);
    }

    void active(UUID org, String plan) {
        subscription(org, plan, "active", "20 days", null);
    }

    void updateSubscription(UUID org, String setClause) {
        int updated = jdbc.update("update public.subscriptions set " + setClause + " where org_id = ?", org);
        if (updated != 1) {
            throw new IllegalStateException("no subscription for " + org);
        }
    }

    /** A grant valid from {@code validFrom} until {@code validUntil} (intervals from now; null: open). */
    UUID grant(UUID org, UUID user, String source, String sourceRef, String flag, String validFrom,
               String validUntil) {
        return jdbc.queryForObject("""
                insert into public.entitlement_grants (org_id, user_id, source, source_ref, flag, value,
                                                       valid_from, valid_until)
                values (?, ?, ?, ?, ?, true, now() + cast(coalesce(?, '0') as interval), now() + cast(? as interval))
                returning id
                """, UUID.class, org, user, source, sourceRef, flag, validFrom, validUntil);
    }

    /** A hand-made row (source manual) valid until {@code validUntil} (interval from now; null: open). */
    void manual(UUID org, String flag, boolean value, String validUntil) {
        jdbc.update("""
                insert into public.entitlements (org_id, user_id, flag, value, source, source_ref,
                                                 valid_from, valid_until)
                values (?, null, ?, ?, 'manual', 'support-ticket-1', now() - interval '30 days',
                        now() + cast(? as interval))
                """, org, flag, value, validUntil);
    }

    /** The org's plan rows: source_ref (the plan) and flag -> value. */
    Map<String, Boolean> planRows(UUID org, String plan) {
        Map<String, Boolean> rows = new TreeMap<>();
        jdbc.query("select flag, value from public.entitlements where org_id = ? and source = 'plan' and source_ref = ?",
                row -> {
                    rows.put(row.getString("flag"), row.getBoolean("value"));
                }, org, plan);
        return rows;
    }

    /**
     * Every entitlement row of the org, as "source/source_ref/user/flag=value [from, until)" lines, sorted. A plan
     * row's start is not defined by the inputs (any time not in the future), so it shows as "*".
     */
    List<String> projection(UUID org) {
        return jdbc.queryForList("""
                select source || '/' || source_ref || '/' || coalesce(user_id::text, '*') || '/' || flag || '=' || value
                       || ' [' || case when source = 'plan' and valid_from <= now() then '*'
                                       else to_char(valid_from at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') end || ', '
                       || coalesce(to_char(valid_until at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS.US'), '') || ')'
                  from public.entitlements
                 where org_id = ?
                 order by 1
                """, String.class, org);
    }

    /** The org's rows by source: "source/source_ref" -> count. */
    Map<String, Integer> sources(UUID org) {
        Map<String, Integer> counts = new TreeMap<>();
        jdbc.query("""
                select source || '/' || source_ref as key, count(*) as n from public.entitlements
                 where org_id = ? group by 1
                """, row -> {
            counts.put(row.getString("key"), row.getInt("n"));
        }, org);
        return counts;
    }

    /** The changes a job instance recorded for the org, as "kind source/source_ref/user/flag old->new" lines. */
    List<String> changes(UUID org, long jobInstanceId) {
        return jdbc.queryForList("""
                select kind || ' ' || source || '/' || source_ref || '/' || coalesce(user_id::text, '*') || '/' || flag
                       || ' ' || coalesce(old_value::text, '-') || '->' || coalesce(new_value::text, '-')
                  from public.entitlement_changes
                 where org_id = ? and job_instance_id = ?
                 order by 1
                """, String.class, org, jobInstanceId);
    }

    int changeCount(long jobInstanceId) {
        return jdbc.queryForObject("select count(*) from public.entitlement_changes where job_instance_id = ?",
                Integer.class, jobInstanceId);
    }

    List<String> skips(long jobInstanceId) {
        return jdbc.queryForList("""
                select org_id || ': ' || reason from public.entitlement_sync_skips
                 where job_instance_id = ? order by 1
                """, String.class, jobInstanceId);
    }

    OffsetDateTime now() {
        return jdbc.queryForObject("select now()", OffsetDateTime.class);
    }

    private static Map<String, Boolean> flags(boolean pdf, boolean api, boolean docx, boolean team, boolean audit,
                                              boolean sso) {
        Map<String, Boolean> flags = new TreeMap<>();
        flags.put("canExportPDF", pdf);
        flags.put("hasAPI", api);
        flags.put("canExportDOCX", docx);
        flags.put("hasTeamWorkspace", team);
        flags.put("hasAuditLog", audit);
        flags.put("hasSSO", sso);
        return flags;
    }
}
