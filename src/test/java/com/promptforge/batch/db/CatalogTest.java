package com.promptforge.batch.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.promptforge.batch.testing.PromptForgeDatabase;
import com.promptforge.batch.testing.TestDatabase;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Items 4 and 8 of the database issue (004_catalog_engine.sql, seeded by 008_seed_data.sql): the 50 modules,
 * the CORE 25 domains and the parameter codes, with the JSON shapes docs/DATABASE.md documents.
 */
@PromptForgeDatabase
class CatalogTest {

    private final JdbcTemplate jdbc;

    CatalogTest(TestDatabase db) {
        this.jdbc = db.jdbc();
    }

    // ----------------------------------------------------------------------------------------- modules

    @Test
    void theCatalogHasTheFiftyModulesM01ToM50() {
        List<String> expected = IntStream.rangeClosed(1, 50).mapToObj(i -> String.format("M%02d", i)).toList();

        assertThat(jdbc.queryForList("select id from public.modules order by id", String.class))
                .containsExactlyElementsOf(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"M00", "M51", "M5", "m01", "M100"})
    void aModuleIdOutsideM01ToM50IsRejected(String id) {
        assertThatThrownBy(() -> jdbc.update("""
                insert into public.modules (id, name, category, vector, spec, kpis)
                select ?, name, category, vector, spec, kpis from public.modules where id = 'M01'""", id))
                .isInstanceOfSatisfying(DataAccessException.class, e -> assertThat(sqlState(e)).isEqualTo("23514"));
    }

    @Test
    void everyModuleHasANameAndACategory() {
        assertThat(jdbc.queryForList("""
                select id from public.modules where btrim(name) = '' or btrim(category) = '' order by id""", String.class))
                .isEmpty();
    }

    @Test
    void everyModuleVectorHasExactlyTheSevenDimensionsEachBetweenZeroAndOne() {
        List<String> offending = jdbc.queryForList("""
                select m.id from public.modules m
                where jsonb_typeof(m.vector) <> 'object'
                   or (select array_agg(k order by k) from jsonb_object_keys(m.vector) k)
                      <> array['actionability', 'clarity', 'constraints', 'context', 'creativity', 'specificity', 'structure']
                   or exists (select 1 from jsonb_each(m.vector) d
                              where jsonb_typeof(d.value) <> 'number'
                                 or (d.value)::numeric < 0 or (d.value)::numeric > 1)
                order by m.id""", String.class);

        assertThat(offending).isEmpty();
    }

    @Test
    void everyModuleSpecHasAnObjectiveInputsOutputsAndATemplate() {
        List<String> offending = jdbc.queryForList("""
                select m.id from public.modules m
                where jsonb_typeof(m.spec) <> 'object'
                   or (select array_agg(k order by k) from jsonb_object_keys(m.spec) k)
                      <> array['inputs', 'objective', 'outputs', 'template']
                   or jsonb_typeof(m.spec -> 'objective') <> 'string' or btrim(m.spec ->> 'objective') = ''
                   or jsonb_typeof(m.spec -> 'template') <> 'string' or btrim(m.spec ->> 'template') = ''
                   or jsonb_typeof(m.spec -> 'inputs') <> 'array' or jsonb_array_length(m.spec -> 'inputs') < 1
                   or jsonb_typeof(m.spec -> 'outputs') <> 'array' or jsonb_array_length(m.spec -> 'outputs') < 1
                   or exists (select 1 from jsonb_array_elements(m.spec -> 'inputs') e where jsonb_typeof(e) <> 'string')
                   or exists (select 1 from jsonb_array_elements(m.spec -> 'outputs') e where jsonb_typeof(e) <> 'string')
                order by m.id""", String.class);

        assertThat(offending).isEmpty();
    }

    @Test
    void everyModuleHasANonEmptyListOfKpisWithNameTargetAndUnit() {
        List<String> offending = jdbc.queryForList("""
                select m.id from public.modules m
                where jsonb_typeof(m.kpis) <> 'array' or jsonb_array_length(m.kpis) < 1
                   or exists (select 1 from jsonb_array_elements(m.kpis) k
                              where jsonb_typeof(k) <> 'object'
                                 or jsonb_typeof(k -> 'name') <> 'string' or btrim(k ->> 'name') = ''
                                 or jsonb_typeof(k -> 'target') <> 'number'
                                 or jsonb_typeof(k -> 'unit') <> 'string')
                order by m.id""", String.class);

        assertThat(offending).isEmpty();
    }

    // ----------------------------------------------------------------------------------------- domains

    @Test
    void theCatalogHasTwentyFiveDomainsWithDistinctCodesAndNames() {
        Map<String, Object> counts = jdbc.queryForMap("""
                select count(*) as domains, count(distinct code) as codes, count(distinct lower(name)) as names
                from public.domains""");

        assertThat(counts).containsEntry("domains", 25L).containsEntry("codes", 25L).containsEntry("names", 25L);
    }

    @Test
    void everyDomainCodeIsAnUpperCaseIdentifier() {
        assertThat(jdbc.queryForList("""
                select code from public.domains where code !~ '^[A-Z][A-Z0-9_]{1,31}$' or btrim(name) = ''""",
                String.class)).isEmpty();
    }

    @Test
    void everyDomainsJargonIsANonEmptyListOfDistinctNonEmptyTerms() {
        List<String> offending = jdbc.queryForList("""
                select d.code from public.domains d
                where jsonb_typeof(d.jargon) <> 'array' or jsonb_array_length(d.jargon) < 1
                   or exists (select 1 from jsonb_array_elements(d.jargon) t
                              where jsonb_typeof(t) <> 'string' or btrim(t #>> '{}') = '')
                   or (select count(distinct t) from jsonb_array_elements(d.jargon) t) <> jsonb_array_length(d.jargon)
                order by d.code""", String.class);

        assertThat(offending).isEmpty();
    }

    @Test
    void everyDomainsComplianceNamesItsFrameworksAndADataSensitivity() {
        List<String> offending = jdbc.queryForList("""
                select d.code from public.domains d
                where jsonb_typeof(d.compliance) <> 'object'
                   or jsonb_typeof(d.compliance -> 'frameworks') <> 'array'
                   or exists (select 1 from jsonb_array_elements(d.compliance -> 'frameworks') f
                              where jsonb_typeof(f) <> 'string' or btrim(f #>> '{}') = '')
                   or coalesce(d.compliance ->> 'data_sensitivity', '') not in ('low', 'medium', 'high', 'critical')
                order by d.code""", String.class);

        assertThat(offending).isEmpty();
    }

    // ----------------------------------------------------------------------------------------- parameters

    @Test
    void eachParameterDimensionHasItsDocumentedCodes() {
        Map<String, List<String>> actual = new TreeMap<>();
        jdbc.query("select dimension, code from public.parameters order by dimension, code",
                rs -> {
                    actual.computeIfAbsent(rs.getString("dimension"), k -> new java.util.ArrayList<>())
                            .add(rs.getString("code"));
                });

        assertThat(actual).isEqualTo(Map.of(
                "application", List.of("analysis", "communication", "innovation", "operations", "strategy"),
                "complexity", List.of("complex", "expert", "moderate", "simple"),
                "resources", List.of("extensive", "limited", "minimal", "standard"),
                "scale", List.of("department", "enterprise", "individual", "team"),
                "urgency", List.of("critical", "high", "low", "medium")));
    }

    @Test
    void everyParameterHasALabelAndADistinctOrdinalInItsDimension() {
        Map<String, Object> counts = jdbc.queryForMap("""
                select count(*) as parameters, count(distinct (dimension, ordinal)) as ordinals,
                       count(*) filter (where btrim(label) = '') as unlabelled
                from public.parameters""");

        assertThat(counts).containsEntry("parameters", 21L).containsEntry("ordinals", 21L)
                .containsEntry("unlabelled", 0L);
    }

    @Test
    void aParameterOfAnUnknownDimensionIsRejected() {
        assertThatThrownBy(() -> jdbc.update(
                "insert into public.parameters (dimension, code, label, ordinal) values ('budget', 'low', 'Low', 9)"))
                .isInstanceOfSatisfying(DataAccessException.class, e -> assertThat(sqlState(e)).isEqualTo("23514"));
    }

    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }
}
