package com.promptforge.batch.generator;

import com.promptforge.batch.core.BadInputException;
import com.promptforge.batch.job.JobParameterSpec;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * What to generate: how many organizations and runs, from which seed, up to which day, and how many anomalies of
 * each kind. The same spec gives the same rows.
 *
 * @param until     the runs fill the 90 days before this day's midnight (UTC); subscriptions and grants are
 *                  dated relative to it as well
 * @param anomalies bundles of each impossible kind to plant (below threshold, unscored run, other org); 0 keeps
 *                  the data clean, as run_all_qa_tests() expects it
 * @param runOrgs   the organizations that have runs: the first {@code runOrgs} (the busiest, largest ones);
 *                  the others are customers with members and entitlements who have not run anything yet
 */
public record GenerationSpec(long orgs, long runs, long seed, LocalDate until, long anomalies, long runOrgs) {

    public static final List<JobParameterSpec> PARAMETERS = List.of(
            JobParameterSpec.integer("orgs", 300, 1, 1_000_000, "organizations to generate"),
            JobParameterSpec.integer("runs", 100_000, 0, 100_000_000, "runs over the last 90 days"),
            JobParameterSpec.integer("runOrgs", 0, 0, 1_000_000,
                    "the runs belong to the first N organizations only (0: all of them)"),
            JobParameterSpec.integer("seed", 1, 0, 1_000_000_000_000L, "the same seed gives the same data"),
            JobParameterSpec.date("until", null, "the runs end at this day's midnight UTC (default: today)"),
            JobParameterSpec.integer("anomalies", 0, 0, 1_000, """
                    bundles of each impossible kind to plant for the audit export (run_all_qa_tests() then fails \
                    on them, as it should)"""),
            JobParameterSpec.bool("sync", true, "run entitlement-sync afterwards, as the nightly schedule would"));

    public GenerationSpec {
        if (orgs < 1 || runs < 0 || anomalies < 0 || runOrgs < 1 || runOrgs > orgs) {
            throw new IllegalArgumentException("orgs >= 1, runs >= 0, anomalies >= 0 and 1 <= runOrgs <= orgs are required");
        }
    }

    /** Runs in every organization. */
    public GenerationSpec(long orgs, long runs, long seed, LocalDate until, long anomalies) {
        this(orgs, runs, seed, until, anomalies, orgs);
    }

    /** From values resolved through {@link #PARAMETERS}. */
    static GenerationSpec from(Map<String, Object> values) {
        LocalDate until = values.get("until") == null ? LocalDate.now(ZoneOffset.UTC) : (LocalDate) values.get("until");
        long orgs = (Long) values.get("orgs");
        long runOrgs = (Long) values.get("runOrgs");
        if (runOrgs > orgs) {
            throw new BadInputException("generate: runOrgs=" + runOrgs + " is more than orgs=" + orgs
                    + ": accepted is 0 (all) to orgs");
        }
        return new GenerationSpec(orgs, (Long) values.get("runs"), (Long) values.get("seed"),
                until, (Long) values.get("anomalies"), runOrgs == 0 ? orgs : runOrgs);
    }

    public static GenerationSpec of(long orgs, long runs, long seed) {
        return new GenerationSpec(orgs, runs, seed, LocalDate.now(ZoneOffset.UTC), 0);
    }

    public String describe() {
        return String.format("%,d orgs, %,d runs%s, seed %d, until %s%s", orgs, runs,
                runOrgs == orgs ? "" : String.format(" in the first %,d orgs", runOrgs), seed, until,
                anomalies == 0 ? "" : String.format(", %,d anomalies of each kind", anomalies));
    }
}
