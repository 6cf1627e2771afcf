package com.promptforge.batch.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.promptforge.batch.testing.PromptForgeDatabase;
import com.promptforge.batch.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** The one SQL loader: statements from {@code <feature>/sql/}, shared parts, scripts, binding by name. */
@PromptForgeDatabase
class SqlResourcesTest {

    private static final UUID DEMO_ORG = UUID.fromString("00000000-0000-4000-8000-000000000001");

    private final TestDatabase db;

    SqlResourcesTest(TestDatabase db) {
        this.db = db;
    }

    @Test
    void aStatementTakesInItsSharedPartAndLosesItsFinalSemicolon() {
        String statement = SqlResources.statement(SqlResourcesTest.class, "org_slugs_filtered.sql");

        assertThat(statement).contains("(cast(:org as uuid) is null or o.id = :org)")
                .doesNotContain("-- include:").endsWith("order by o.slug");
    }

    @Test
    void anOptionalPartBoundToNullLeavesEveryRowAndBoundToAValueFilters() {
        String statement = SqlResources.statement(SqlResourcesTest.class, "org_slugs_filtered.sql");
        NamedParameterJdbcTemplate named = new NamedParameterJdbcTemplate(db.jdbc());

        List<String> every = named.queryForList(statement, new MapSqlParameterSource("org", null), String.class);
        List<String> one = named.queryForList(statement, Map.of("org", DEMO_ORG), String.class);

        assertThat(every).isEqualTo(db.jdbc().queryForList(
                "select slug from public.organizations order by slug", String.class));
        assertThat(one).containsExactly("demo");
    }

    @Test
    void prepareBindsNamedParametersOnTheCallersConnectionNullIncluded() throws SQLException {
        String statement = SqlResources.statement(SqlResourcesTest.class, "org_slugs_filtered.sql");
        try (Connection connection = db.dataSource().getConnection()) {
            assertThat(slugs(connection, statement, DEMO_ORG)).containsExactly("demo");
            assertThat(slugs(connection, statement, null)).contains("demo").hasSize(db.jdbc().queryForObject(
                    "select count(*) from public.organizations", Integer.class));
        }
    }

    @Test
    void onlyASharedPartCanBeIncluded() {
        assertThatThrownBy(() -> SqlResources.statement(SqlResourcesTest.class, "includes_a_statement.sql"))
                .hasMessageContaining("includes org_slugs_filtered.sql")
                .hasMessageContaining("only shared parts, named _<name>.sql");
    }

    @Test
    void aScriptSplitsAtLinesEndingInASemicolonWithItsNumbersWrittenIn() {
        List<String> statements = SqlResources.script(SqlResourcesTest.class, "two_statements.sql",
                Map.of("seed", 42L));

        assertThat(statements).containsExactly("select 42 as seed", "select 'a;' || 'b'\n  as joined");
    }

    @Test
    void aMissingFileIsNamedWithItsPath() {
        assertThatThrownBy(() -> SqlResources.statement(SqlResourcesTest.class, "no_such_statement.sql"))
                .hasMessageContaining("com/promptforge/batch/db/sql/no_such_statement.sql");
    }

    @Test
    void anIdentifierIsQuotedWithItsQuotesDoubled() {
        String quoted = SqlResources.identifier("odd\"schema");

        assertThat(quoted).isEqualTo("\"odd\"\"schema\"");
        assertThat(db.jdbc().queryForObject("select " + quoted + " from (select 1 as " + quoted + ") t",
                Integer.class)).isEqualTo(1);
    }

    private static List<String> slugs(Connection connection, String statement, UUID org) throws SQLException {
        List<String> slugs = new ArrayList<>();
        try (PreparedStatement prepared = SqlResources.prepare(connection, statement,
                new MapSqlParameterSource("org", org));
             ResultSet rows = prepared.executeQuery()) {
            while (rows.next()) {
                slugs.add(rows.getString(1));
            }
        }
        return slugs;
    }
}
