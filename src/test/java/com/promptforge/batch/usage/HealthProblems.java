package com.promptforge.batch.usage;

import java.time.Duration;
import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Plants the problems the health checks must find: an unused index, an index covered by another, a foreign key
 * without an index, a table of 20,000 rows read only by sequential scans, and an integer sequence at 93% of its
 * maximum.
 */
final class HealthProblems {

    private HealthProblems() {
    }

    static void plant(JdbcTemplate jdbc) {
        jdbc.execute("""
                create table public.usage_probe_parent (id integer primary key);
                create table public.usage_probe_child (
                  id integer primary key,
                  parent_id integer references public.usage_probe_parent (id),
                  label text,
                  amount integer);
                create index usage_probe_child_label_idx on public.usage_probe_child (label);
                create index usage_probe_child_amount_idx on public.usage_probe_child (amount);
                create index usage_probe_child_amount_label_idx on public.usage_probe_child (amount, label);
                create table public.usage_probe_scanned (id integer, v integer);
                insert into public.usage_probe_scanned select g, g % 100 from generate_series(1, 20000) as g;
                analyze public.usage_probe_scanned;
                create sequence public.usage_probe_seq as integer;
                select setval('public.usage_probe_seq', 2000000000);
                """);
        for (int i = 0; i < 5; i++) {
            jdbc.queryForObject("select count(*) from public.usage_probe_scanned where v = ?", Long.class, i);
        }
        // The cumulative statistics reach the views when the backends flush them (within a second or so).
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (jdbc.queryForObject("""
                select coalesce((select seq_scan >= 5 and n_live_tup >= 20000 from pg_stat_user_tables
                                  where relid = 'public.usage_probe_scanned'::regclass), false)""", Boolean.class) != Boolean.TRUE) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the statistics of usage_probe_scanned did not arrive within 20 s");
            }
            jdbc.execute("select pg_stat_clear_snapshot()");
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
