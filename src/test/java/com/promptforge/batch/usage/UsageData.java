package com.promptforge.batch.usage;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/** Plants organizations and runs at chosen times, set-based, as the superuser (RLS does not apply). */
final class UsageData {

    private static final String PARAMETERS = """
            {"scale": "team", "urgency": "low", "complexity": "simple", "resources": "minimal", "application": "strategy"}""";

    private final JdbcTemplate jdbc;

    UsageData(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    UUID org(String slug, String name) {
        UUID id = UUID.randomUUID();
        jdbc.update("insert into public.organizations (id, name, slug) values (?, ?, ?)", id, name, slug);
        return id;
    }

    /**
     * {@code count} runs of {@code org} from {@code first}, one every {@code everyMinutes} minutes, by three
     * users in turn; every fifth failed, the others completed; every second scored.
     */
    void runs(UUID org, int count, OffsetDateTime first, int everyMinutes) {
        runs(org, count, first, everyMinutes, 5);
    }

    /** As {@link #runs(UUID, int, OffsetDateTime, int)}, every {@code failEvery}th run failed. */
    void runs(UUID org, int count, OffsetDateTime first, int everyMinutes, int failEvery) {
        jdbc.update("""
                insert into public.runs (org_id, user_id, module_id, domain_code, parameters, status, tokens,
                                         duration_ms, created_at, started_at, completed_at)
                select ?, (array['00000000-0000-4000-8000-00000000aa01', '00000000-0000-4000-8000-00000000aa02',
                                 '00000000-0000-4000-8000-00000000aa03'])[1 + g % 3]::uuid,
                       'M02', 'RETAIL', ?::jsonb,
                       case when g % ? = 0 then 'failed' else 'completed' end, 100 + g, 1000 + 10 * g,
                       t, t + interval '1 second', t + interval '2 seconds'
                  from generate_series(1, ?) as g
                 cross join lateral (select ?::timestamptz + make_interval(mins => (g - 1) * ?)) as at(t)
                """, org, PARAMETERS, failEvery, count, first, everyMinutes);
        jdbc.update("""
                insert into public.prompt_scores (run_id, org_id, clarity, execution, ambiguity, alignment, business_fit)
                select r.id, r.org_id, 60 + r.tokens % 40, 70, 20, 80, 75
                  from public.runs r
                 where r.org_id = ? and r.tokens % 2 = 0
                   and not exists (select 1 from public.prompt_scores s where s.run_id = r.id)
                """, org);
    }
}
