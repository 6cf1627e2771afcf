package com.promptforge.batch.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.promptforge.batch.testing.PromptForgeDatabase;
import com.promptforge.batch.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The JSON shapes of issue 4 (sql/013_json_shapes.sql, 014, and QA tests 512-514 of 009): every shaped column accepts the seed data and
 * realistic variations of it, and refuses a wrong key, a wrong type and an out-of-range or unknown value, each with
 * the message that names the column and what was wrong (SQLSTATE 23514, the constraint named in the error). Every
 * write is rolled back.
 */
@PromptForgeDatabase
class JsonShapesTest {

    private static final UUID DEMO_ORG = UUID.fromString("00000000-0000-4000-8000-000000000001");
    private static final UUID DEMO_RUN = UUID.fromString("00000000-0000-4000-8000-000000000101");
    private static final UUID DEMO_OWNER = UUID.fromString("00000000-0000-4000-8000-0000000000a1");

    private static final String VECTOR = "{\"clarity\": 0.87, \"specificity\": 0.74, \"context\": 0.85, "
            + "\"structure\": 0.77, \"constraints\": 0.64, \"creativity\": 0.71, \"actionability\": 0.83}";
    private static final String SPEC = "{\"objective\": \"Draft an OKR set\", \"inputs\": [\"Company strategy\", "
            + "\"Team mandate\"], \"outputs\": [\"Objectives\", \"Key results\"], \"template\": \"Use {{company_strategy}}\"}";
    private static final String KPIS = "[{\"name\": \"OKR attainment\", \"target\": 70, \"unit\": \"%\"}]";
    private static final String COMPLIANCE = "{\"frameworks\": [\"ISO 9001\", \"ISO 14001\"], \"data_sensitivity\": \"medium\"}";
    private static final String PARAMETERS = "{\"scale\": \"team\", \"urgency\": \"high\", \"complexity\": \"moderate\", "
            + "\"resources\": \"standard\", \"application\": \"analysis\"}";
    private static final String LLM_CALL = "{\"model\": \"gpt-4o\", \"prompt_tokens\": 620, \"completion_tokens\": 1220, "
            + "\"latency_ms\": 9800}";
    private static final String RUN_COMPLETED = "{\"model\": \"gpt-4o\", \"module_version\": \"1.0.0\", "
            + "\"prompt_tokens\": 620, \"completion_tokens\": 1220, \"tokens\": 1840, \"duration_ms\": 12450}";

    private final TestDatabase db;
    private final JdbcTemplate jdbc;

    JsonShapesTest(TestDatabase db) {
        this.db = db;
        this.jdbc = db.jdbc();
    }

    // ----------------------------------------------------------------------------------------- the constraints

    @Test
    void everyJsonColumnOfPublicHasAValidatedShapeConstraintAfterMigration() {
        List<String> jsonColumns = jdbc.queryForList("""
                select c.relname || '.' || a.attname
                  from pg_attribute a join pg_class c on c.oid = a.attrelid
                 where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')
                   and a.attnum > 0 and not a.attisdropped and a.atttypid in ('json'::regtype, 'jsonb'::regtype)
                 order by 1""", String.class);
        List<Map<String, Object>> constraints = jdbc.queryForList("""
                select s.table_name || '.' || s.column_name as shaped_column, k.conname, k.convalidated,
                       pg_get_constraintdef(k.oid) as definition
                  from public.pf_json_shapes() s
                  left join pg_constraint k on k.conname = s.constraint_name
                   and k.conrelid = ('public.' || s.table_name)::regclass
                 order by 1""");

        assertThat(jsonColumns).containsExactlyInAnyOrder("modules.vector", "modules.spec", "modules.kpis",
                "domains.jargon", "domains.compliance", "module_versions.spec", "runs.parameters",
                "run_telemetry.payload", "prompt_history.snapshot", "bundles.paths",
                "audit_export_requests.row_counts");
        assertThat(constraints).extracting(row -> row.get("shaped_column")).containsExactlyElementsOf(jsonColumns);
        assertThat(constraints).allSatisfy(row -> {
            assertThat(row.get("conname")).as("constraint of %s", row.get("shaped_column")).isNotNull();
            assertThat(row.get("convalidated")).as("%s validated", row.get("conname")).isEqualTo(true);
            assertThat((String) row.get("definition")).startsWith("CHECK (pf_json_check('" + row.get("conname"));
        });
    }

    @Test
    void theSeedHasEveryShape() {
        assertThat(jdbc.queryForList("select * from public.pf_json_shape_problems()")).isEmpty();
        assertThat(jdbc.queryForList("""
                select category || ': ' || test_name || ': ' || details from public.run_all_qa_tests()
                 where test_name ~ 'JSON' and status <> 'PASS'""", String.class)).isEmpty();
    }

    @Test
    void theRunParameterCodesOfTheShapeAreThoseOfTheParametersTable() {
        assertThat(jdbc.queryForList("""
                select d.key || '.' || c.code from jsonb_each(public.pf_json_run_parameter_codes()) d,
                       jsonb_array_elements_text(d.value) c(code) order by 1""", String.class))
                .containsExactlyElementsOf(jdbc.queryForList(
                        "select dimension || '.' || code from public.parameters order by 1", String.class));
    }

    @Test
    void aParameterCodeAddedToTheTableAloneTurnsTheQaCodesTestFailed() {
        String details = db.rolledBack(connection -> {
            try (var statement = connection.createStatement()) {
                statement.execute("insert into public.parameters (dimension, code, label, ordinal) "
                        + "values ('application', 'research', 'Research', 6)");
                try (var result = statement.executeQuery("select status || ': ' || details from public.run_all_qa_tests() "
                        + "where test_name = 'run parameter codes of the JSON shape match public.parameters'")) {
                    result.next();
                    return result.getString(1);
                }
            }
        });

        assertThat(details).isEqualTo("FAIL: application.research only in public.parameters (a migration changes "
                + "public.parameters and pf_json_run_parameter_codes() together)");
    }

    @Test
    void validatingAConstraintLetsWritesGoOnMeanwhile() throws SQLException {
        // a NOT VALID constraint, as 013 leaves it
        jdbc.execute("alter table public.run_telemetry drop constraint run_telemetry_payload_shape_chk");
        jdbc.execute("alter table public.run_telemetry add constraint run_telemetry_payload_shape_chk check "
                + "(public.pf_json_check('run_telemetry_payload_shape_chk', "
                + "public.pf_json_problem_run_telemetry_payload(event_type, payload))) not valid");
        try (Connection validating = db.dataSource().getConnection();
             Connection writing = db.dataSource().getConnection()) {
            validating.setAutoCommit(false);
            writing.setAutoCommit(false);
            try (var statement = validating.createStatement()) {
                statement.execute("alter table public.run_telemetry validate constraint run_telemetry_payload_shape_chk");
                try (var locks = statement.executeQuery("""
                        select string_agg(mode, ', ' order by mode) from pg_locks
                         where relation = 'public.run_telemetry'::regclass and pid = pg_backend_pid()""")) {
                    locks.next();
                    assertThat(locks.getString(1)).isEqualTo("ShareUpdateExclusiveLock");
                }
            }
            // while the validating transaction is open, another one writes and reads the table
            try (var statement = writing.createStatement()) {
                statement.execute("set local lock_timeout = '2s'");
                insertTelemetry(writing, "llm_call", LLM_CALL);
                try (var count = statement.executeQuery("select count(*) from public.run_telemetry")) {
                    count.next();
                    assertThat(count.getLong(1)).isEqualTo(2);
                }
            }
            writing.rollback();
            validating.commit();
        }
        assertThat(jdbc.queryForObject("select convalidated from pg_constraint "
                + "where conname = 'run_telemetry_payload_shape_chk'", Boolean.class)).isTrue();
    }

    @Test
    void everyParameterCodeIsAcceptedInItsDimension() {
        List<Map<String, Object>> codes = jdbc.queryForList("select dimension, code from public.parameters");
        assertThat(codes).hasSize(21);
        for (Map<String, Object> code : codes) {
            String parameters = PARAMETERS.replaceFirst("\"" + code.get("dimension") + "\": \"[a-z]+\"",
                    "\"" + code.get("dimension") + "\": \"" + code.get("code") + "\"");
            assertThat(write("runs.parameters", null, parameters)).as(parameters).isNull();
        }
    }

    @Test
    void theFunctionsThatTheConstraintsCallAreNotOpenToAnonOrPublic() {
        assertThat(jdbc.queryForList("""
                select p.oid::regprocedure::text from pg_proc p
                 where p.pronamespace = 'public'::regnamespace and p.proname like 'pf\\_json\\_%'
                   and (has_function_privilege('anon', p.oid, 'execute')
                        or exists (select 1 from aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a
                                    where a.grantee = 0))""", String.class)).isEmpty();
        assertThat(jdbc.queryForObject("""
                select has_function_privilege('authenticated', 'public.pf_json_shape_problems()', 'execute')""",
                Boolean.class)).isFalse();
    }

    // ----------------------------------------------------------------------------------------- accepted

    static Stream<Arguments> accepted() {
        return Stream.of(
                arguments("modules.vector", null, VECTOR),
                arguments("modules.vector", null, VECTOR.replaceAll("0\\.\\d+", "0")),
                arguments("modules.vector", null, VECTOR.replaceAll("0\\.\\d+", "1")),
                arguments("modules.vector", null, VECTOR.replace("0.87", "1.0").replace("0.74", "0.5e0")),
                arguments("modules.spec", null, SPEC),
                arguments("modules.spec", null, "{\"objective\": \"Résumé des risques\", \"inputs\": [\"Périmètre\"], "
                        + "\"outputs\": [\"Liste\"], \"template\": \"Analyse {{périmètre}}\"}"),
                arguments("modules.kpis", null, KPIS),
                arguments("modules.kpis", null, "[{\"name\": \"Defects\", \"target\": 0, \"unit\": \"count\"}, "
                        + "{\"name\": \"Margin gain\", \"target\": 2.5, \"unit\": \"percentage points\"}, "
                        + "{\"name\": \"Net revenue retention\", \"target\": 115, \"unit\": \"%\"}]"),
                arguments("domains.jargon", null, "[\"OEE\"]"),
                arguments("domains.jargon", null, "[\"OEE\", \"oee\", \"takt time\", \"Kaizen 改善\"]"),
                arguments("domains.compliance", null, COMPLIANCE),
                arguments("domains.compliance", null, "{\"frameworks\": [], \"data_sensitivity\": \"low\"}"),
                arguments("domains.compliance", null, "{\"data_sensitivity\": \"critical\", \"frameworks\": [\"HIPAA\"]}"),
                arguments("module_versions.spec", "published", SPEC),
                arguments("module_versions.spec", "draft", SPEC),
                arguments("module_versions.spec", "draft", "{\"objective\": \"Work in progress\"}"),
                arguments("module_versions.spec", "draft", "{}"),
                arguments("runs.parameters", null, PARAMETERS),
                arguments("runs.parameters", null, "{\"application\": \"innovation\", \"resources\": \"extensive\", "
                        + "\"complexity\": \"expert\", \"urgency\": \"critical\", \"scale\": \"enterprise\"}"),
                arguments("run_telemetry.payload", "run_started", "{\"model\": \"gpt-4o\", \"module_version\": \"1.0.0\"}"),
                arguments("run_telemetry.payload", "run_started",
                        "{\"model\": \"claude-sonnet\", \"module_version\": \"2.1.0-rc.1+build.7\"}"),
                arguments("run_telemetry.payload", "llm_call", LLM_CALL),
                arguments("run_telemetry.payload", "llm_call",
                        "{\"model\": \"gpt-4o-mini\", \"prompt_tokens\": 0, \"completion_tokens\": 0, \"latency_ms\": 0}"),
                arguments("run_telemetry.payload", "run_completed", RUN_COMPLETED),
                arguments("run_telemetry.payload", "run_failed", "{\"error\": \"LLM provider timed out after 60 s\"}"),
                arguments("run_telemetry.payload", "run_failed", "{\"error\": \"rate limited\", \"model\": \"gpt-4o\", "
                        + "\"module_version\": \"1.0.0\", \"duration_ms\": 60000}"),
                arguments("prompt_history.snapshot", null, "{\"prompt\": \"Plan the rollout\"}"),
                arguments("prompt_history.snapshot", null, "{\"prompt\": \"Plan the rollout: é, ß\", \"module_id\": \"M01\", "
                        + "\"module_version\": \"1.0.0\", \"domain_code\": \"MANUFACTURING\", \"parameters\": " + PARAMETERS + "}"),
                arguments("bundles.paths", "{pdf}", "{\"pdf\": \"bundles/demo/run.pdf\"}"),
                arguments("bundles.paths", "{md,pdf}", "{\"pdf\": \"bundles/demo/run.pdf\", \"md\": \"run.md\"}"),
                arguments("bundles.paths", "{pdf,docx,md,json}", "{\"pdf\": \"b/r.pdf\", \"docx\": \"b/r.docx\", "
                        + "\"md\": \"b/r.md\", \"json\": \"b/2026/r.v2.json\"}"));
    }

    @ParameterizedTest(name = "{0} ({1}) accepts {2}")
    @MethodSource("accepted")
    void aValueWithItsShapeIsAccepted(String column, String extra, String json) {
        assertThat(write(column, extra, json)).isNull();
    }

    // ----------------------------------------------------------------------------------------- refused

    static Stream<Arguments> refused() {
        List<Arguments> cases = new ArrayList<>();
        // modules.vector
        cases.add(arguments("modules.vector", null, VECTOR.replace("\"clarity\"", "\"clarty\""),
                "modules.vector is missing the key clarity"));
        cases.add(arguments("modules.vector", null, withKey(VECTOR, "\"novelty\": 0.5"),
                "modules.vector has the unknown key \"novelty\" (allowed: clarity, specificity, context, structure, "
                        + "constraints, creativity, actionability)"));
        cases.add(arguments("modules.vector", null, VECTOR.replace("0.87", "\"high\""),
                "modules.vector.clarity must be a number from 0 to 1, got \"high\""));
        cases.add(arguments("modules.vector", null, VECTOR.replace("0.83", "1.5"),
                "modules.vector.actionability must be a number from 0 to 1, got 1.5"));
        cases.add(arguments("modules.vector", null, VECTOR.replace("0.74", "-0.1"),
                "modules.vector.specificity must be a number from 0 to 1, got -0.1"));
        cases.add(arguments("modules.vector", null, "[0.87, 0.74]",
                "modules.vector must be a JSON object, got [0.87, 0.74]"));
        // modules.spec
        cases.add(arguments("modules.spec", null, SPEC.replace("\"template\"", "\"prompt\""),
                "modules.spec is missing the key template"));
        cases.add(arguments("modules.spec", null, withKey(SPEC, "\"notes\": \"x\""),
                "modules.spec has the unknown key \"notes\" (allowed: objective, inputs, outputs, template)"));
        cases.add(arguments("modules.spec", null, SPEC.replace("[\"Company strategy\", \"Team mandate\"]", "\"Goal\""),
                "modules.spec.inputs must be a non-empty array of non-empty strings, got \"Goal\""));
        cases.add(arguments("modules.spec", null, SPEC.replace("[\"Objectives\", \"Key results\"]", "[]"),
                "modules.spec.outputs must be a non-empty array of non-empty strings, got []"));
        cases.add(arguments("modules.spec", null, SPEC.replace("\"Key results\"", "\" \""),
                "modules.spec.outputs[1] must be a non-empty string, got \" \""));
        cases.add(arguments("modules.spec", null, SPEC.replace("\"Draft an OKR set\"", "42"),
                "modules.spec.objective must be a non-empty string, got 42"));
        // modules.kpis
        cases.add(arguments("modules.kpis", null, KPIS.replace("\"target\"", "\"goal\""),
                "modules.kpis[0] is missing the key target"));
        cases.add(arguments("modules.kpis", null, KPIS.replace("70", "\"70\""),
                "modules.kpis[0].target must be a number >= 0, got \"70\""));
        cases.add(arguments("modules.kpis", null, KPIS.replace("70", "-5"),
                "modules.kpis[0].target must be a number >= 0, got -5"));
        cases.add(arguments("modules.kpis", null, "[]",
                "modules.kpis must be a non-empty array of {\"name\", \"target\", \"unit\"} objects, got []"));
        cases.add(arguments("modules.kpis", null, KPIS.replace("]", ", {\"name\": \"OKR attainment\", \"target\": 80, "
                        + "\"unit\": \"%\"}]"), "modules.kpis[1].name repeats \"OKR attainment\""));
        // domains.jargon
        cases.add(arguments("domains.jargon", null, "{\"terms\": [\"OEE\"]}",
                "domains.jargon must be a non-empty array of non-empty strings, got {\"terms\": [\"OEE\"]}"));
        cases.add(arguments("domains.jargon", null, "[\"OEE\", 5]",
                "domains.jargon[1] must be a non-empty string, got 5"));
        cases.add(arguments("domains.jargon", null, "[]",
                "domains.jargon must be a non-empty array of non-empty strings, got []"));
        cases.add(arguments("domains.jargon", null, "[\"OEE\", \"takt time\", \"OEE\"]",
                "domains.jargon[2] repeats \"OEE\""));
        // domains.compliance
        cases.add(arguments("domains.compliance", null, COMPLIANCE.replace("data_sensitivity", "sensitivity"),
                "domains.compliance is missing the key data_sensitivity"));
        cases.add(arguments("domains.compliance", null, COMPLIANCE.replace("[\"ISO 9001\", \"ISO 14001\"]", "\"ISO 9001\""),
                "domains.compliance.frameworks must be an array of non-empty strings, got \"ISO 9001\""));
        cases.add(arguments("domains.compliance", null, COMPLIANCE.replace("\"medium\"", "\"secret\""),
                "domains.compliance.data_sensitivity must be one of low|medium|high|critical, got \"secret\""));
        cases.add(arguments("domains.compliance", null, COMPLIANCE.replace("\"ISO 14001\"", "\"ISO 9001\""),
                "domains.compliance.frameworks[1] repeats \"ISO 9001\""));
        // module_versions.spec (a draft may be incomplete, not wrong)
        cases.add(arguments("module_versions.spec", "published", "{\"objective\": \"Half done\"}",
                "module_versions.spec is missing the keys inputs, outputs, template"));
        cases.add(arguments("module_versions.spec", "draft", "{\"objective\": \"WIP\", \"notes\": \"x\"}",
                "module_versions.spec has the unknown key \"notes\" (allowed: objective, inputs, outputs, template)"));
        cases.add(arguments("module_versions.spec", "draft", "{\"inputs\": \"Goal\"}",
                "module_versions.spec.inputs must be a non-empty array of non-empty strings, got \"Goal\""));
        cases.add(arguments("module_versions.spec", "published", SPEC.replace("[\"Objectives\", \"Key results\"]", "[]"),
                "module_versions.spec.outputs must be a non-empty array of non-empty strings, got []"));
        // runs.parameters
        cases.add(arguments("runs.parameters", null, PARAMETERS.replace("\"urgency\"", "\"urgncy\""),
                "runs.parameters is missing the key urgency"));
        cases.add(arguments("runs.parameters", null, withKey(PARAMETERS, "\"priority\": \"high\""),
                "runs.parameters has the unknown key \"priority\" (allowed: scale, urgency, complexity, resources, "
                        + "application)"));
        cases.add(arguments("runs.parameters", null, PARAMETERS.replace("\"high\"", "3"),
                "runs.parameters.urgency must be one of low|medium|high|critical, got 3"));
        cases.add(arguments("runs.parameters", null, PARAMETERS.replace("\"high\"", "\"asap\""),
                "runs.parameters.urgency must be one of low|medium|high|critical, got \"asap\""));
        cases.add(arguments("runs.parameters", null, PARAMETERS.replace("\"analysis\"", "\"research\""),
                "runs.parameters.application must be one of strategy|operations|analysis|communication|innovation, "
                        + "got \"research\""));
        cases.add(arguments("runs.parameters", null, "{\"oops\": 1}",
                "runs.parameters is missing the keys scale, urgency, complexity, resources, application"));
        // run_telemetry.payload, by event type
        cases.add(arguments("run_telemetry.payload", "llm_call", LLM_CALL.replace("latency_ms", "latency"),
                "run_telemetry.payload is missing the key latency_ms (event_type llm_call)"));
        cases.add(arguments("run_telemetry.payload", "run_started",
                "{\"model\": \"gpt-4o\", \"module_version\": \"1.0.0\", \"temperature\": 0.2}",
                "run_telemetry.payload has the unknown key \"temperature\" (allowed: model, module_version) "
                        + "(event_type run_started)"));
        cases.add(arguments("run_telemetry.payload", "run_failed", "{}",
                "run_telemetry.payload is missing the key error (event_type run_failed)"));
        cases.add(arguments("run_telemetry.payload", "llm_call", LLM_CALL.replace("620", "\"620\""),
                "run_telemetry.payload.prompt_tokens must be a whole number >= 0, got \"620\" (event_type llm_call)"));
        cases.add(arguments("run_telemetry.payload", "run_started", "{\"model\": 4, \"module_version\": \"1.0.0\"}",
                "run_telemetry.payload.model must be a non-empty string, got 4 (event_type run_started)"));
        cases.add(arguments("run_telemetry.payload", "llm_call", LLM_CALL.replace("9800", "-1"),
                "run_telemetry.payload.latency_ms must be a whole number >= 0, got -1 (event_type llm_call)"));
        cases.add(arguments("run_telemetry.payload", "run_completed", RUN_COMPLETED.replace("12450", "12.5"),
                "run_telemetry.payload.duration_ms must be a whole number >= 0, got 12.5 (event_type run_completed)"));
        cases.add(arguments("run_telemetry.payload", "run_completed", RUN_COMPLETED.replace("1840", "1000"),
                "run_telemetry.payload.tokens must equal prompt_tokens + completion_tokens (1840), got 1000 "
                        + "(event_type run_completed)"));
        cases.add(arguments("run_telemetry.payload", "run_started", "{\"model\": \"gpt-4o\", \"module_version\": \"v1\"}",
                "run_telemetry.payload.module_version must be a semantic version like 1.2.0, got \"v1\" "
                        + "(event_type run_started)"));
        // prompt_history.snapshot
        cases.add(arguments("prompt_history.snapshot", null, "{\"text\": \"Plan the rollout\"}",
                "prompt_history.snapshot is missing the key prompt"));
        cases.add(arguments("prompt_history.snapshot", null, "{\"prompt\": \"Plan the rollout\", \"version\": 1}",
                "prompt_history.snapshot has the unknown key \"version\" (allowed: prompt, module_id, module_version, "
                        + "domain_code, parameters)"));
        cases.add(arguments("prompt_history.snapshot", null, "{\"prompt\": 42}",
                "prompt_history.snapshot.prompt must be a non-empty string, got 42"));
        cases.add(arguments("prompt_history.snapshot", null, "{\"prompt\": \"x\", \"module_id\": \"M51\"}",
                "prompt_history.snapshot.module_id must be a module id M01..M50, got \"M51\""));
        cases.add(arguments("prompt_history.snapshot", null, "{\"prompt\": \"x\", \"domain_code\": \"retail\"}",
                "prompt_history.snapshot.domain_code must be a domain code (A-Z, 0-9, _; 2 to 32 characters), "
                        + "got \"retail\""));
        cases.add(arguments("prompt_history.snapshot", null,
                "{\"prompt\": \"x\", \"parameters\": " + PARAMETERS.replace("\"high\"", "\"asap\"") + "}",
                "prompt_history.snapshot.parameters.urgency must be one of low|medium|high|critical, got \"asap\""));
        // bundles.paths, given bundles.formats
        cases.add(arguments("bundles.paths", "{pdf}", "{\"docx\": \"bundles/run.docx\"}",
                "bundles.paths has no path for pdf (formats: pdf)"));
        cases.add(arguments("bundles.paths", "{pdf}", "{\"pdf\": \"bundles/run.pdf\", \"md\": \"bundles/run.md\"}",
                "bundles.paths has a path for \"md\", which is not in formats (pdf)"));
        cases.add(arguments("bundles.paths", "{pdf,md}", "{\"pdf\": \"bundles/run.pdf\"}",
                "bundles.paths has no path for md (formats: pdf, md)"));
        cases.add(arguments("bundles.paths", "{pdf}", "[\"bundles/run.pdf\"]",
                "bundles.paths must be a JSON object {\"<format>\": \"<path>\"}, got [\"bundles/run.pdf\"]"));
        cases.add(arguments("bundles.paths", "{pdf}", "{\"pdf\": 42}",
                "bundles.paths.pdf must be a relative path ending in .pdf, got 42"));
        cases.add(arguments("bundles.paths", "{pdf}", "{\"pdf\": \"/srv/bundles/run.pdf\"}",
                "bundles.paths.pdf must be a relative path ending in .pdf, got \"/srv/bundles/run.pdf\""));
        cases.add(arguments("bundles.paths", "{pdf}", "{\"pdf\": \"bundles/../../etc/run.pdf\"}",
                "bundles.paths.pdf must be a relative path ending in .pdf, got \"bundles/../../etc/run.pdf\""));
        cases.add(arguments("bundles.paths", "{docx}", "{\"docx\": \"bundles/run.pdf\"}",
                "bundles.paths.docx must be a relative path ending in .docx, got \"bundles/run.pdf\""));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} ({1}) refuses {2}")
    @MethodSource("refused")
    void aValueWithoutItsShapeIsRefusedSayingWhatWasWrong(String column, String extra, String json, String message) {
        ServerErrorMessage error = write(column, extra, json);

        assertThat(error).as("refused").isNotNull();
        assertThat(error.getMessage()).isEqualTo(message);
        assertThat(error.getSQLState()).isEqualTo("23514");
        assertThat(error.getConstraint()).isEqualTo(column.replace('.', '_') + "_shape_chk");
    }

    @Test
    void aLongValueIsCutInTheMessage() {
        String longCode = "x".repeat(200);
        ServerErrorMessage error = write("runs.parameters", null, PARAMETERS.replace("\"high\"", "\"" + longCode + "\""));

        assertThat(error.getMessage()).isEqualTo("runs.parameters.urgency must be one of low|medium|high|critical, got \""
                + "x".repeat(56) + "...");
    }

    @Test
    void aMemberWritesTelemetryWithTheShapeAndIsToldWhatIsWrongOtherwise() {
        String refused = db.as("authenticated", DEMO_OWNER, connection -> {
            insertTelemetry(connection, "llm_call", LLM_CALL);
            try {
                insertTelemetry(connection, "llm_call", "{\"oops\": 1}");
                return null;
            } catch (PSQLException e) {
                return e.getServerErrorMessage().getMessage();
            }
        });

        assertThat(refused).isEqualTo("run_telemetry.payload is missing the keys model, prompt_tokens, "
                + "completion_tokens, latency_ms (event_type llm_call)");
    }

    @Test
    void aRunWithAnUnknownCodeIsRefusedWithTheShapesMessageBeforeTheTriggerLooksAtTheTable() {
        ServerErrorMessage error = db.rolledBack(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into public.runs (org_id, user_id, module_id, domain_code, parameters)
                    values (?, ?, 'M02', 'RETAIL', ?::jsonb)""")) {
                insert.setObject(1, DEMO_ORG);
                insert.setObject(2, DEMO_OWNER);
                insert.setString(3, PARAMETERS.replace("\"high\"", "\"asap\""));
                insert.executeUpdate();
                return null;
            } catch (PSQLException e) {
                return e.getServerErrorMessage();
            }
        });

        assertThat(error.getMessage()).isEqualTo("runs.parameters.urgency must be one of low|medium|high|critical, got \"asap\"");
    }

    @Test
    void aCodeDroppedFromTheParametersTableIsRefusedForNewRunsByTheTrigger() {
        String message = db.rolledBack(connection -> {
            try (var statement = connection.createStatement()) {
                statement.execute("delete from public.parameters where dimension = 'urgency' and code = 'critical'");
            }
            try {
                update(connection, "update public.runs set parameters = ?::jsonb where id = '" + DEMO_RUN + "'",
                        PARAMETERS.replace("\"high\"", "\"critical\""));
                return null;
            } catch (PSQLException e) {
                return e.getServerErrorMessage().getMessage();
            }
        });

        assertThat(message).isEqualTo("runs.parameters has codes that public.parameters no longer holds: urgency=\"critical\"");
    }

    // ----------------------------------------------------------------------------------------- helpers

    /** The JSON object with one more member ({@code "key": value}) at its end. */
    private static String withKey(String object, String member) {
        return object.substring(0, object.lastIndexOf('}')) + ", " + member + "}";
    }

    /** Writes {@code json} into {@code column} in a rolled-back transaction; the error, or null when accepted. */
    private ServerErrorMessage write(String column, String extra, String json) {
        return db.rolledBack(connection -> {
            try {
                switch (column) {
                    case "modules.vector" -> update(connection,
                            "update public.modules set vector = ?::jsonb where id = 'M01'", json);
                    case "modules.spec" -> update(connection,
                            "update public.modules set spec = ?::jsonb where id = 'M01'", json);
                    case "modules.kpis" -> update(connection,
                            "update public.modules set kpis = ?::jsonb where id = 'M01'", json);
                    case "domains.jargon" -> update(connection,
                            "update public.domains set jargon = ?::jsonb where code = 'MANUFACTURING'", json);
                    case "domains.compliance" -> update(connection,
                            "update public.domains set compliance = ?::jsonb where code = 'MANUFACTURING'", json);
                    case "module_versions.spec" -> update(connection, extra.equals("draft")
                            ? "insert into public.module_versions (module_id, version, spec, status) "
                                    + "values ('M01', '9.0.0-draft', ?::jsonb, 'draft')"
                            : "update public.module_versions set spec = ?::jsonb where module_id = 'M01' and is_current",
                            json);
                    case "runs.parameters" -> update(connection,
                            "update public.runs set parameters = ?::jsonb where id = '" + DEMO_RUN + "'", json);
                    case "run_telemetry.payload" -> insertTelemetry(connection, extra, json);
                    case "prompt_history.snapshot" -> update(connection,
                            "insert into public.prompt_history (run_id, org_id, action, snapshot) values ('" + DEMO_RUN
                                    + "', '" + DEMO_ORG + "', 'edited', ?::jsonb)", json);
                    case "bundles.paths" -> {
                        try (PreparedStatement insert = connection.prepareStatement("""
                                insert into public.bundles (run_id, org_id, formats, paths, checksum, license_notice)
                                values (?, ?, ?::text[], ?::jsonb, 'sha256:' || repeat('0', 64), 'test')""")) {
                            insert.setObject(1, DEMO_RUN);
                            insert.setObject(2, DEMO_ORG);
                            insert.setString(3, extra);
                            insert.setString(4, json);
                            insert.executeUpdate();
                        }
                    }
                    default -> throw new IllegalArgumentException(column);
                }
                return null;
            } catch (PSQLException e) {
                return e.getServerErrorMessage();
            }
        });
    }

    private static void update(Connection connection, String sql, String json) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, json);
            assertThat(statement.executeUpdate()).as(sql).isEqualTo(1);
        }
    }

    private static void insertTelemetry(Connection connection, String eventType, String json) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                insert into public.run_telemetry (run_id, org_id, event_type, payload) values (?, ?, ?, ?::jsonb)""")) {
            insert.setObject(1, DEMO_RUN);
            insert.setObject(2, DEMO_ORG);
            insert.setString(3, eventType);
            insert.setString(4, json);
            insert.executeUpdate();
        }
    }
}
