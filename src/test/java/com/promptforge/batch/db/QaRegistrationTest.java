package com.promptforge.batch.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.promptforge.batch.testing.TestDatabase;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** How migrations register their QA tests (009) and how run_all_qa_tests() finds them. */
class QaRegistrationTest {

    @Test
    void theNineOriginalMigrationsAloneAreAllPass() {
        try (TestDatabase db = TestDatabase.createEmpty("qa009")) {
            Migrations.migrate(Migrations.configure(Flyway.configure()).dataSource(db.dataSource()).target("009").load());

            List<Map<String, Object>> failing = db.jdbc().queryForList(
                    "select test_name, details from public.run_all_qa_tests() where status <> 'PASS'");
            assertThat(failing).isEmpty();
            assertThat(testNames(db)).hasSizeGreaterThan(50).doesNotContain(
                    "every JSON column has its shape: no invalid row (013)",
                    "run parameter codes of the JSON shape match public.parameters",
                    "every json/jsonb column of public has its validated JSON shape constraint");
        }
    }

    @Test
    void eachMigrationRegistersItsOwnTestsUnderTheirStableIds() {
        try (TestDatabase db = TestDatabase.create("qaids")) {
            assertThat(db.jdbc().queryForList(
                    "select id from public.pf_qa_tests_013() order by id", Integer.class)).containsExactly(512, 513, 514);
            assertThat(db.jdbc().queryForList(
                    "select id from public.pf_qa_tests_015() order by id", Integer.class)).containsExactly(306, 310);
            assertThat(db.jdbc().queryForList(
                    "select id from public.pf_qa_tests_016() order by id", Integer.class)).containsExactly(560);
            assertThat(db.jdbc().queryForList(
                    "select id from public.pf_qa_tests_019() order by id", Integer.class)).containsExactly(190, 490, 690);
            assertThat(db.jdbc().queryForList(
                    "select id from public.pf_qa_tests_020() order by id", Integer.class)).containsExactly(613);
            assertThat(db.jdbc().queryForList(
                    "select id from public.pf_qa_tests_021() order by id", Integer.class)).containsExactly(614, 615, 616);
            assertThat(db.jdbc().queryForList(
                    "select id from public.pf_qa_tests_022() order by id", Integer.class)).containsExactly(545);
            assertThat(db.jdbc().queryForObject(
                    "select count(*) from public.pf_qa_tests_009() where id between 512 and 514", Integer.class)).isZero();
            // every id runs once; 015's 306 replaces 009's
            assertThat(db.jdbc().queryForObject("select count(*) from public.run_all_qa_tests()", Integer.class))
                    .isEqualTo(db.jdbc().queryForObject("""
                            select count(distinct id) from (select id from public.pf_qa_tests_009() union all
                              select id from public.pf_qa_tests_013() union all select id from public.pf_qa_tests_015()
                              union all select id from public.pf_qa_tests_016() union all select id from public.pf_qa_tests_019()
                              union all select id from public.pf_qa_tests_020() union all select id from public.pf_qa_tests_021()
                              union all select id from public.pf_qa_tests_022()) as t""",
                            Integer.class));
            assertThat(testNames(db)).contains("bundle checksums are sha256:<64 hex> and formats are pdf|docx|markdown (alias md)|json")
                    .doesNotContain("bundle checksums are sha256:<64 hex> and formats are pdf|docx|md|json");
        }
    }

    @Test
    void aLaterMigrationReplacesAnEarlierTestByRegisteringItsId() {
        try (TestDatabase db = TestDatabase.create("qareplace")) {
            db.jdbc().execute("""
                    create function public.pf_qa_tests_998() returns table (id integer, category text, test_name text, query text)
                    language sql immutable set search_path = '' as $$
                      values (101, 'RLS isolation', 'RLS as a later migration sees it', 'select false, ''replaced by 998''')
                    $$""");

            assertThat(db.jdbc().queryForList(
                    "select test_name || ' ' || status || ' ' || details from public.run_all_qa_tests() where category = 'RLS isolation'",
                    String.class))
                    .contains("RLS as a later migration sees it FAIL replaced by 998")
                    .noneSatisfy(row -> assertThat(row).startsWith("RLS enabled on every table in public"));
        }
    }

    @Test
    void aLaterMigrationRetiresATestByRegisteringItsIdWithoutAQuery() {
        try (TestDatabase db = TestDatabase.create("qaretire")) {
            db.jdbc().execute("""
                    create function public.pf_qa_tests_998() returns table (id integer, category text, test_name text, query text)
                    language sql immutable set search_path = '' as $$ values (101, null::text, null::text, null::text) $$""");

            assertThat(testNames(db)).doesNotContain("RLS enabled on every table in public")
                    .contains("every table in public has at least one policy");
        }
    }

    @Test
    void aRegistrationThatFailsIsOneFailRowAndTheOthersStillRun() {
        try (TestDatabase db = TestDatabase.create("qabroken")) {
            db.jdbc().execute("""
                    create function public.pf_qa_tests_998() returns table (id integer, category text, test_name text, query text)
                    language plpgsql immutable set search_path = '' as $$ begin raise exception 'broken on purpose'; end $$;
                    revoke all on function public.pf_qa_tests_998() from public""");

            assertThat(db.jdbc().queryForList(
                    "select test_name || ': ' || details from public.run_all_qa_tests() where status = 'FAIL'", String.class))
                    .singleElement().asString()
                    .contains("pf_qa_tests_998() lists its tests").contains("broken on purpose");
            assertThat(testNames(db)).contains("RLS enabled on every table in public");
        }
    }

    @Test
    void theRollbackRemovesTheRegisteredTestsOfEveryMigration() {
        try (TestDatabase db = TestDatabase.create("qarollback")) {
            db.jdbc().execute("""
                    create function public.pf_qa_tests_998() returns table (id integer, category text, test_name text, query text)
                    language sql immutable set search_path = '' as $$ values (999, 'Security', 'planted', 'select true, ''''') $$""");

            db.jdbc().execute(MigrationsTest.read(java.nio.file.Path.of("sql", "000_rollback_all.sql")));

            assertThat(db.jdbc().queryForList("""
                    select proname::text from pg_proc
                     where pronamespace = 'public'::regnamespace and (proname like 'pf\\_qa\\_%' or proname = 'run_all_qa_tests')""",
                    String.class)).isEmpty();
        }
    }

    private static List<String> testNames(TestDatabase db) {
        return db.jdbc().queryForList("select test_name from public.run_all_qa_tests()", String.class);
    }
}
