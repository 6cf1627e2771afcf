package com.promptforge.batch.generator;

import com.promptforge.batch.core.DurationText;
import com.promptforge.batch.db.SqlResources;
import com.promptforge.batch.job.JobRefusedException;
import com.promptforge.batch.job.RunSummary;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Component;

/**
 * Fills an empty database with realistic synthetic tenants ({@link GenerationSpec}), phase by phase, each phase a
 * few set-based statements from {@code src/main/resources/com/promptforge/batch/generator/sql/*.sql}, with a line per phase (and per slice
 * of the runs). All phases run on one session: the helpers and the plan of the data are temporary objects of it.
 *
 * <p>As superuser, the rows are written with triggers off ({@code session_replication_role = replica}), as
 * {@code pg_restore} loads data: the rows are valid by construction (the CHECK constraints, the JSON shapes
 * among them, still apply; {@code run_all_qa_tests()} and {@code validate} prove the rest afterwards), and the
 * per-row trigger functions would cost more than the inserts. Without superuser the triggers run and the
 * anomalies, which only triggers stand in the way of, are skipped.
 */
@Component
public class DataGenerator {

    /** The organization 008 seeds; the generator leaves it alone (the QA suite checks its rows). */
    public static final String SEEDED_DEMO_ORG = "00000000-0000-4000-8000-000000000001";

    /** Hours of runs written per statement (and per progress line): ten days. */
    private static final int HOURS_PER_SLICE = 240;
    private static final int HOURS = 90 * 24;
    private static final Pattern TARGET = Pattern.compile("insert into public\\.(\\w+)");

    private final DataSource dataSource;

    public DataGenerator(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Organizations other than the seeded demo org: 0 on a database the generator may fill. */
    public long existingOrganizations() {
        return new JdbcTemplate(dataSource).queryForObject(
                "select count(*) from public.organizations where id <> cast(? as uuid)", Long.class, SEEDED_DEMO_ORG);
    }

    /**
     * Generates {@code spec}'s data, printing a line per phase to {@code out}.
     *
     * @throws JobRefusedException when the database already holds organizations besides the seeded demo org
     */
    public GeneratedData generate(GenerationSpec spec, Consumer<String> out) {
        long existing = existingOrganizations();
        if (existing > 0) {
            throw new JobRefusedException("generate: the database already holds " + RunSummary.number(existing)
                    + " organization(s) besides the seeded demo org; generate fills an empty database only (point "
                    + "PF_DB_URL at a new database, or PF_EMBEDDED_DIR at a new folder)");
        }
        long started = System.nanoTime();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            SingleConnectionDataSource session = new SingleConnectionDataSource(connection, true);
            JdbcTemplate jdbc = new JdbcTemplate(session);
            NamedParameterJdbcTemplate named = new NamedParameterJdbcTemplate(jdbc);
            boolean triggersOff = Boolean.TRUE.equals(jdbc.queryForObject(
                    "select rolsuper from pg_catalog.pg_roles where rolname = current_user", Boolean.class));
            try {
                jdbc.execute("set work_mem = '64MB'");
                jdbc.execute("set synchronous_commit = off");
                // generate_series hides the row counts: estimates in the millions would make every statement pay
                // seconds of JIT compilation for milliseconds of work
                jdbc.execute("set jit = off");
                if (triggersOff) {
                    jdbc.execute("set session_replication_role = replica");
                }
                out.accept("generate: " + spec.describe() + "; triggers "
                        + (triggersOff ? "off (superuser bulk load)" : "on (not a superuser)"));
                Map<String, Long> rows = new LinkedHashMap<>();
                MapSqlParameterSource parameters = parameters(spec);
                phase("setup", "01_setup.sql", spec, named, parameters, rows, out);
                phase("organizations", "02_organizations.sql", spec, named, parameters, rows, out);
                phase("billing", "03_billing.sql", spec, named, parameters, rows, out);
                runs(spec, named, parameters, rows, out);
                phase("scores", "05_scores.sql", spec, named, parameters, rows, out);
                phase("bundles", "06_bundles.sql", spec, named, parameters, rows, out);
                if (spec.anomalies() > 0) {
                    if (triggersOff) {
                        parameters.addValue("count", spec.anomalies());
                        phase("anomalies", "07_anomalies.sql", spec, named, parameters, rows, out);
                        out.accept("generate: anomalies: no malformed checksum planted: the CHECK constraint "
                                + "bundles_checksum_chk refuses it whatever the role");
                    } else {
                        out.accept("generate: anomalies skipped: the bundle trigger refuses them, and turning "
                                + "triggers off (session_replication_role) needs a superuser");
                    }
                }
                long analyze = System.nanoTime();
                jdbc.execute("analyze public.organizations, public.org_members, public.subscriptions, "
                        + "public.entitlement_grants, public.entitlements, public.runs, public.prompt_scores, "
                        + "public.bundles");
                out.accept("generate: analyze in " + since(analyze));
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                out.accept("generate: done in " + DurationText.compact(took));
                return new GeneratedData(spec, rows, took);
            } finally {
                jdbc.execute("reset session_replication_role");
                jdbc.execute("discard temp");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("generate: " + e.getMessage(), e);
        }
    }

    private static MapSqlParameterSource parameters(GenerationSpec spec) {
        Instant anchor = spec.until().atStartOfDay(ZoneOffset.UTC).toInstant();
        return new MapSqlParameterSource()
                .addValue("orgs", spec.orgs())
                .addValue("runs", spec.runs())
                .addValue("runOrgs", spec.runOrgs())
                .addValue("anchor", Timestamp.from(anchor))
                .addValue("orgSkew", OrgSkew.exponent(spec.runOrgs()));
    }

    private static void phase(String phase, String file, GenerationSpec spec, NamedParameterJdbcTemplate named,
                              MapSqlParameterSource parameters, Map<String, Long> rows, Consumer<String> out) {
        long started = System.nanoTime();
        Map<String, Long> written = new LinkedHashMap<>();
        for (String statement : SqlResources.script(DataGenerator.class, file, Map.of("seed", spec.seed()))) {
            int count = named.update(statement, parameters);
            Matcher target = TARGET.matcher(statement);
            if (target.find()) {
                written.merge(target.group(1), (long) count, Long::sum);
            }
        }
        written.forEach((table, count) -> rows.merge(table, count, Long::sum));
        StringBuilder line = new StringBuilder("generate: ").append(phase);
        written.forEach((table, count) -> line.append(written.size() == 1 && table.equals(phase) ? " " : " " + table
                + " ").append(RunSummary.number(count)));
        out.accept(line.append(" in ").append(since(started)).toString());
    }

    /** The runs, ten days per statement, in creation order, with a progress line per statement. */
    private static void runs(GenerationSpec spec, NamedParameterJdbcTemplate named, MapSqlParameterSource parameters,
                             Map<String, Long> rows, Consumer<String> out) {
        String insert = SqlResources.script(DataGenerator.class, "04_runs.sql", Map.of("seed", spec.seed())).get(0);
        long started = System.nanoTime();
        long done = 0;
        for (int from = 0; from < HOURS; from += HOURS_PER_SLICE) {
            parameters.addValue("fromHour", from).addValue("toHour", Math.min(HOURS, from + HOURS_PER_SLICE));
            done += named.update(insert, parameters);
            double seconds = Math.max(0.001, (System.nanoTime() - started) / 1e9);
            double rate = done / seconds;
            long left = spec.runs() - done;
            out.accept(String.format("generate: runs %s of %s (%d%%), %,.0f rows/s%s", RunSummary.number(done),
                    RunSummary.number(spec.runs()), spec.runs() == 0 ? 100 : done * 100 / spec.runs(), rate,
                    left > 0 && rate > 0 ? ", ETA " + DurationText.compact(Duration.ofMillis((long) (left / rate
                            * 1000))) : ""));
        }
        rows.put("runs", done);
    }

    private static String since(long startNanos) {
        return DurationText.compact(Duration.ofNanos(System.nanoTime() - startNanos));
    }
}
