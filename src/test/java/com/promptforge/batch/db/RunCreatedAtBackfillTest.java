package com.promptforge.batch.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.promptforge.batch.testing.TestDatabase;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * 022 on a database that already holds scores: it gives each its run's created_at, and stops with one line naming
 * the count when a score has no run (which only a load with triggers off can leave).
 */
class RunCreatedAtBackfillTest {

    private static final String PARAMETERS = """
            {"scale": "team", "urgency": "low", "complexity": "simple", "resources": "minimal", "application": "strategy"}""";

    private static Flyway upTo018(TestDatabase db) {
        return Migrations.configure(Flyway.configure()).dataSource(db.dataSource()).target("018").load();
    }

    private static void plantScoredRuns(JdbcTemplate jdbc) {
        UUID org = UUID.randomUUID();
        jdbc.update("insert into public.organizations (id, name, slug) values (?, 'Backfill', 'backfill')", org);
        jdbc.update("""
                insert into public.runs (org_id, user_id, module_id, domain_code, parameters, status, created_at)
                select ?, '00000000-0000-4000-8000-00000000aa01', 'M01', 'MANUFACTURING', ?::jsonb, 'completed',
                       timestamptz '2026-11-02 10:00+00' + make_interval(hours => g)
                  from generate_series(1, 5) as g""", org, PARAMETERS);
        jdbc.update("""
                insert into public.prompt_scores (run_id, clarity, execution, ambiguity, alignment, business_fit, created_at)
                select r.id, 80, 80, 20, 80, 80, r.created_at + interval '3 days' from public.runs r where r.org_id = ?""",
                org);
    }

    @Test
    void existingScoresGetTheirRunsCreationTime() {
        try (TestDatabase db = TestDatabase.createEmpty("backfill")) {
            upTo018(db).migrate();
            plantScoredRuns(db.jdbc());

            Migrations.migrate(Migrations.flyway(db.dataSource()));

            assertThat(db.jdbc().queryForObject("""
                    select count(*) from public.prompt_scores s join public.runs r on r.id = s.run_id
                     where s.run_created_at = r.created_at and r.org_id <> '00000000-0000-4000-8000-000000000001'""",
                    Long.class)).isEqualTo(5);
        }
    }

    @Test
    void aScoreWithoutItsRunStopsTheMigrationWithOneLine() {
        try (TestDatabase db = TestDatabase.createEmpty("backfill-orphan")) {
            upTo018(db).migrate();
            plantScoredRuns(db.jdbc());
            db.jdbc().execute("""
                    set session_replication_role = replica;
                    delete from public.runs where created_at = timestamptz '2026-11-02 11:00+00';
                    reset session_replication_role""");

            assertThatThrownBy(() -> Migrations.migrate(Migrations.flyway(db.dataSource())))
                    .hasMessageContaining("1 prompt_scores rows have no run (run_id not in public.runs): delete them or "
                            + "restore their runs, then migrate again");
        }
    }
}
