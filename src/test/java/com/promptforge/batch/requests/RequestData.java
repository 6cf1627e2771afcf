package com.promptforge.batch.requests;

import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/** Organizations with scored runs and their owners' audit export requests, written as the superuser. */
final class RequestData {

    static final String PARAMETERS = "{\"scale\": \"team\", \"urgency\": \"high\", \"complexity\": \"moderate\", "
            + "\"resources\": \"standard\", \"application\": \"analysis\"}";

    private final JdbcTemplate jdbc;

    RequestData(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** An organization (its creator becomes its owner) with {@code runs} scored runs on 2026-11-02 .. . */
    UUID org(String slug, UUID owner, int runs) {
        UUID org = jdbc.queryForObject("insert into public.organizations (name, slug, created_by) values (?, ?, ?) "
                + "returning id", UUID.class, slug + " Ltd", slug, owner);
        for (int i = 0; i < runs; i++) {
            UUID run = jdbc.queryForObject("""
                    insert into public.runs (org_id, user_id, module_id, domain_code, parameters, status, created_at)
                    values (?, ?, 'M01', 'MANUFACTURING', ?::jsonb, 'completed', timestamptz '2026-11-02 10:00+00' + ? * interval '1 hour')
                    returning id""", UUID.class, org, owner, PARAMETERS, i);
            jdbc.update("""
                    insert into public.prompt_scores (run_id, org_id, clarity, execution, ambiguity, alignment, business_fit)
                    values (?, ?, 90, 90, 10, 90, 90)""", run, org);
        }
        return org;
    }

    /** A queued request of {@code org} by {@code owner}, as the app files it (but as superuser). */
    UUID request(UUID org, UUID owner, String from, String to) {
        return jdbc.queryForObject("insert into public.audit_export_requests (org_id, requested_by, period_from, "
                + "period_to) values (?, ?, ?::date, ?::date) returning id", UUID.class, org, owner, from, to);
    }

    String status(UUID request) {
        return jdbc.queryForObject("select status from public.audit_export_requests where id = ?", String.class,
                request);
    }
}
