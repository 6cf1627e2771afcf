package com.promptforge.batch.usage;

import com.promptforge.batch.core.BadInputException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Findings silenced on purpose, as {@code check:object} pairs (Splinter's cache_key idea): the job parameter
 * {@code healthExclusions} plus PromptForge's own {@link HealthChecks#INTENDED}. The object is written as the
 * Findings sheet shows it; {@code check:*} silences a whole check. Pairs are separated by commas outside
 * parentheses (a function's arguments keep theirs) or by semicolons.
 */
record HealthExclusions(Set<String> pairs) {

    static final String ACCEPTED = "check:object pairs separated by commas, e.g. "
            + "unused_indexes:public.runs_queue_idx,tables_without_primary_key:public.imports";

    static HealthExclusions parse(String text) {
        Set<String> pairs = new LinkedHashSet<>(HealthChecks.INTENDED);
        for (String pair : split(text == null ? "" : text)) {
            int colon = pair.indexOf(':');
            if (colon <= 0 || colon == pair.length() - 1) {
                throw new BadInputException("parameter " + UsageReportParameters.HEALTH_EXCLUSIONS + " must be "
                        + ACCEPTED + ", got '" + pair + "'");
            }
            pairs.add(pair.substring(0, colon).strip() + ":" + pair.substring(colon + 1).strip());
        }
        return new HealthExclusions(Set.copyOf(pairs));
    }

    boolean silences(Finding finding) {
        return pairs.contains(finding.check() + ":" + finding.object()) || pairs.contains(finding.check() + ":*");
    }

    private static List<String> split(String text) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int depth = 0;
        for (char ch : text.toCharArray()) {
            if ((ch == ',' && depth == 0) || ch == ';') {
                parts.add(current.toString());
                current.setLength(0);
                continue;
            }
            depth += ch == '(' ? 1 : ch == ')' ? -1 : 0;
            current.append(ch);
        }
        parts.add(current.toString());
        return parts.stream().map(String::strip).filter(part -> !part.isEmpty()).toList();
    }
}
