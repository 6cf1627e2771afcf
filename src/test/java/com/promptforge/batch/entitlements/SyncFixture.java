package com.promptforge.batch.entitlements;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A database of many organizations for the restart tests, and what a sync leaves in it, read back so that two
 * databases (interrupted and uninterrupted runs) can be compared.
 */
final class SyncFixture {

    private SyncFixture() {
    }

    /**
     * The same orgs (ids derived from their number) with a bit of everything: plans in and out of force,
     * grants live, expired and revoked, manual rows, stale rows to remove, and a few unknown plans. Times are
     * relative to one instant ({@code %2$s}), the same for both databases.
     */
    private static final String POPULATE = """
            insert into public.organizations (id, name, slug)
            select md5('org' || i)::uuid, 'Org ' || i, 'org-' || i from generate_series(1, %1$d) i;

            insert into public.subscriptions (org_id, plan_code, status, current_period_start, current_period_end, trial_end)
            select md5('org' || i)::uuid,
                   case when i %% 500 = 0 then 'platinum' else (array['pro', 'enterprise', 'pilot', 'pro'])[i %% 4 + 1] end,
                   (array['active', 'trialing', 'past_due', 'canceled', 'active'])[i %% 5 + 1],
                   %2$s - interval '40 days',
                   %2$s + make_interval(days => i %% 30 - 12),
                   %2$s + make_interval(days => i %% 7 - 3)
              from generate_series(1, %1$d) i
             where i %% 6 <> 0;

            insert into public.entitlement_grants (org_id, user_id, source, source_ref, flag, valid_from, valid_until, revoked_at)
            select md5('org' || i)::uuid,
                   case when i %% 2 = 0 then md5('user' || i)::uuid end,
                   (array['addon', 'pack', 'license'])[i %% 3 + 1],
                   'ref-' || i,
                   (array['hasAPI', 'hasSSO', 'hasAuditLog'])[i %% 3 + 1],
                   %2$s - interval '10 days',
                   %2$s + make_interval(days => i %% 20 - 5),
                   case when i %% 11 = 0 then %2$s - interval '1 day' end
              from generate_series(1, %1$d) i
             where i %% 3 = 0;

            insert into public.entitlements (org_id, flag, value, source, source_ref, valid_from, valid_until)
            select md5('org' || i)::uuid, 'hasSSO', true, 'manual', 'ticket-' || i, %2$s - interval '30 days',
                   case when i %% 20 = 0 then %2$s - interval '1 day' end
              from generate_series(1, %1$d) i
             where i %% 10 = 0;

            insert into public.entitlements (org_id, flag, value, source, source_ref)
            select md5('org' || i)::uuid, 'hasSSO', true, 'plan', 'enterprise'
              from generate_series(1, %1$d) i
             where i %% 7 = 0;
            """;

    /** The projection, without what depends on when a chunk ran (ids, a plan row's start, updated_at). */
    private static final String PROJECTION = """
            select concat_ws('|', org_id, coalesce(user_id::text, '*'), flag, source, source_ref, value,
                             case when source = 'plan' then '*' else valid_from::text end, coalesce(valid_until::text, '-'))
              from public.entitlements order by 1
            """;

    /** Every recorded change and skip, without ids, times and execution ids. */
    private static final String CHANGE_LOG = """
            select concat_ws('|', kind, org_id, coalesce(user_id::text, '*'), flag, source, source_ref,
                             coalesce(old_value::text, '-'), coalesce(new_value::text, '-'),
                             coalesce(old_valid_until::text, '-'), coalesce(new_valid_until::text, '-'),
                             case when source = 'plan' then '*' else coalesce(new_valid_from::text, '-') end)
              from public.entitlement_changes
            union all
            select concat_ws('|', 'skip', org_id, reason) from public.entitlement_sync_skips
            order by 1
            """;

    /** Fills an empty database with {@code orgs} organizations and their billing, times relative to {@code at}. */
    static void populate(JdbcTemplate jdbc, int orgs, Instant at) {
        jdbc.execute(POPULATE.formatted(orgs, "timestamptz '" + at + "'"));
    }

    /** Empties what {@link #populate} and a sync fill, so that the same database can be populated again. */
    static void clear(JdbcTemplate jdbc) {
        jdbc.execute("""
                truncate public.entitlement_changes, public.entitlement_sync_skips, public.entitlements,
                         public.entitlement_grants, public.subscriptions, public.organizations cascade
                """);
    }

    static List<String> projection(JdbcTemplate jdbc) {
        return jdbc.queryForList(PROJECTION, String.class);
    }

    static List<String> changeLog(JdbcTemplate jdbc) {
        return jdbc.queryForList(CHANGE_LOG, String.class);
    }

    /** Entitlement keys with more than one recorded change. */
    static long changesRecordedTwice(JdbcTemplate jdbc) {
        return jdbc.queryForObject("""
                select count(*) from (select 1 from public.entitlement_changes
                                       group by org_id, user_id, flag, source, source_ref having count(*) > 1) twice
                """, Long.class);
    }
}
