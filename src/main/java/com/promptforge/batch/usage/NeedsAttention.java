package com.promptforge.batch.usage;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The Summary's Needs attention block: what the person who opens the report on Monday should look at, most important
 * first. Each org line names the org (slug and name) with the figures that put it there, and is meant to link to
 * the org's row in Orgs; each listed finding to its row in Findings. Thresholds: {@link AttentionThresholds}.
 */
final class NeedsAttention {

    static final String HEADING = "Needs attention";
    static final String NOTHING = "nothing needs attention this week";

    /** The kinds of line, in the order they are listed. */
    enum Signal {
        CRITICAL_FINDING("Critical finding"),
        WENT_QUIET("Went quiet"),
        RUNS_FELL("Runs fell"),
        FAILURE_RATE_UP("Failure rate up"),
        SCORE_DOWN("Avg score down"),
        WARNING_FINDING("Warning finding"),
        FAILURE_RATE_DOWN("Failure rate down"),
        SCORE_UP("Avg score up"),
        FIRST_RUNS("First runs"),
        GROWING_FAST("Growing fast"),
        INFO_FINDINGS("Info findings");

        final String label;

        Signal(String label) {
            this.label = label;
        }
    }

    /**
     * One line: its signal and text, and the org or finding it is about (both null for a line that counts, such as
     * "and 4 more" or the info findings).
     */
    record Line(Signal signal, String text, OrgUsage org, Finding finding) {
    }

    private NeedsAttention() {
    }

    static List<Line> of(List<OrgUsage> orgs, Map<UUID, OrgHistory> history, List<Finding> findings,
                         AttentionThresholds t) {
        List<Line> lines = new ArrayList<>();
        findingLines(lines, Signal.CRITICAL_FINDING, findings, "critical", t);
        List<Measured> measured = orgs.stream().map(org -> new Measured(org, history.get(org.orgId()))).toList();
        orgLines(lines, t.linesPerSignal(), Signal.WENT_QUIET, measured, m -> m.active(t) && m.org.runs() == 0,
                Comparator.comparingDouble(m -> -m.before()), m -> "no runs this week, " + m.beforeText());
        orgLines(lines, t.linesPerSignal(), Signal.RUNS_FELL, measured, m -> m.active(t) && m.org.runs() > 0 && m.fell(t.dropPercent()),
                Comparator.comparingDouble(m -> m.org.runs() - m.before()),
                m -> runs(m.org.runs()) + ", " + m.beforeText());
        orgLines(lines, t.linesPerSignal(), Signal.FAILURE_RATE_UP, measured, m -> m.failureMove(t) >= t.failurePoints(),
                Comparator.comparingDouble(m -> -m.failureMove(t)), Measured::failureText);
        orgLines(lines, t.linesPerSignal(), Signal.SCORE_DOWN, measured, m -> m.scoreMove(t) <= -t.scorePoints(),
                Comparator.comparingDouble(m -> m.scoreMove(t)), Measured::scoreText);
        findingLines(lines, Signal.WARNING_FINDING, findings, "warning", t);
        orgLines(lines, t.linesPerSignal(), Signal.FAILURE_RATE_DOWN, measured, m -> m.failureMove(t) <= -t.failurePoints(),
                Comparator.comparingDouble(m -> m.failureMove(t)), Measured::failureText);
        orgLines(lines, t.linesPerSignal(), Signal.SCORE_UP, measured, m -> m.scoreMove(t) >= t.scorePoints(),
                Comparator.comparingDouble(m -> -m.scoreMove(t)), Measured::scoreText);
        orgLines(lines, t.linesPerSignal(), Signal.FIRST_RUNS, measured, m -> m.history != null && m.history.firstTime(),
                Comparator.comparingLong(m -> -m.org.runs()),
                m -> runs(m.org.runs()) + ", its first ever, by " + count(m.org.activeUsers()) + " "
                        + (m.org.activeUsers() == 1 ? "user" : "users"));
        orgLines(lines, t.linesPerSignal(), Signal.GROWING_FAST, measured, m -> m.grew(t),
                Comparator.comparingDouble(m -> -m.org.runsChange()),
                m -> runs(m.org.runs()) + ", " + count(m.org.previousRuns()) + " the week before ("
                        + percent(m.org.runsChange()) + ")");
        long info = findings.stream().filter(f -> f.severity().equals("info")).count();
        if (info > 0) {
            lines.add(new Line(Signal.INFO_FINDINGS, count(info) + " info " + (info == 1 ? "finding" : "findings")
                    + ", not listed here: see Findings", null, null));
        }
        return lines;
    }

    private static void orgLines(List<Line> lines, int limit, Signal signal, List<Measured> orgs,
                                 Predicate<Measured> when,
                                 Comparator<Measured> order, Function<Measured, String> figures) {
        List<Measured> found = orgs.stream().filter(when)
                .sorted(order.thenComparing(m -> m.org.slug())).toList();
        found.stream().limit(limit).forEach(m -> lines.add(new Line(signal,
                m.org.slug() + " (" + m.org.name() + "): " + figures.apply(m), m.org, null)));
        more(lines, signal, found.size(), limit, "orgs: see Orgs");
    }

    private static void findingLines(List<Line> lines, Signal signal, List<Finding> findings, String severity,
                                     AttentionThresholds t) {
        List<Finding> found = findings.stream().filter(f -> f.severity().equals(severity)).toList();
        found.stream().limit(t.linesPerSignal()).forEach(f -> lines.add(new Line(signal,
                f.check() + ", " + f.object() + ": " + abbreviated(f.evidence()), null, f)));
        more(lines, signal, found.size(), t.linesPerSignal(), severity + " findings: see Findings");
    }

    private static void more(List<Line> lines, Signal signal, int found, int limit, String what) {
        int shown = Math.min(found, limit);
        if (found > shown) {
            lines.add(new Line(signal, "and " + count(found - shown) + " more " + what, null, null));
        }
    }

    private static String abbreviated(String text) {
        String oneLine = text.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= 160 ? oneLine : oneLine.substring(0, 159) + "…";
    }

    static String runs(long runs) {
        return count(runs) + (runs == 1 ? " run" : " runs");
    }

    static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%+.0f%%", fraction * 100);
    }

    /** An org's week beside what it is compared with. */
    private record Measured(OrgUsage org, OrgHistory history) {

        Double average() {
            return history == null ? null : history.averageRuns();
        }

        /** The larger of the week before and the four-week average: what the org usually runs. */
        double before() {
            double previous = org.previousRuns() == null ? 0 : org.previousRuns();
            return Math.max(previous, average() == null ? 0 : average());
        }

        boolean active(AttentionThresholds t) {
            return before() >= t.minRuns();
        }

        /** Down at least {@code percent} on the week before and on the four-week average, where stored. */
        boolean fell(long percent) {
            double keep = 1 - percent / 100.0;
            return org.previousRuns() != null && org.runs() <= org.previousRuns() * keep
                    && (average() == null || org.runs() <= average() * keep);
        }

        boolean grew(AttentionThresholds t) {
            return org.previousRuns() != null && org.previousRuns() >= t.minRuns()
                    && org.runs() >= org.previousRuns() * (1 + t.growthPercent() / 100.0);
        }

        String beforeText() {
            StringBuilder text = new StringBuilder();
            text.append(org.previousRuns() == null ? "-" : count(org.previousRuns())).append(" the week before");
            if (org.runs() > 0 && org.runsChange() != null) {
                text.append(" (").append(percent(org.runsChange())).append(')');
            }
            if (average() != null) {
                text.append(", ").append(String.format(Locale.ROOT, "%,.0f", average())).append(" a week on average over the ")
                        .append(history.weeks()).append(history.weeks() == 1 ? " week" : " weeks").append(" before");
            }
            return text.toString();
        }

        Double failureRate() {
            return org.runs() == 0 ? null : org.failedRuns() / (double) org.runs();
        }

        Double previousFailureRate() {
            return history == null || history.previousFailedRuns() == null || org.previousRuns() == null
                    || org.previousRuns() == 0 ? null : history.previousFailedRuns() / (double) org.previousRuns();
        }

        /** Percentage points from the week before, 0 unless both weeks have enough runs to compare. */
        double failureMove(AttentionThresholds t) {
            if (org.runs() < t.rateMinRuns() || org.previousRuns() == null || org.previousRuns() < t.rateMinRuns()
                    || previousFailureRate() == null) {
                return 0;
            }
            return (failureRate() - previousFailureRate()) * 100;
        }

        String failureText() {
            return String.format(Locale.ROOT, "failure rate %.1f%% (%,d of %,d runs), %.1f%% the week before "
                            + "(%,d of %,d), %+.1f points", failureRate() * 100, org.failedRuns(), org.runs(),
                    previousFailureRate() * 100, history.previousFailedRuns(), org.previousRuns(),
                    (failureRate() - previousFailureRate()) * 100);
        }

        /** Points from the week before, 0 unless both weeks have enough runs and a score. */
        double scoreMove(AttentionThresholds t) {
            if (org.runs() < t.rateMinRuns() || org.previousRuns() == null || org.previousRuns() < t.rateMinRuns()
                    || org.avgOverallScore() == null || org.previousAvgOverallScore() == null) {
                return 0;
            }
            return org.avgOverallScore().subtract(org.previousAvgOverallScore()).doubleValue();
        }

        String scoreText() {
            BigDecimal now = org.avgOverallScore();
            BigDecimal before = org.previousAvgOverallScore();
            return String.format(Locale.ROOT, "average score %.1f over %,d scored runs, %.1f the week before, "
                    + "%+.1f points", now, org.scoredRuns(), before, now.subtract(before).doubleValue());
        }
    }
}
