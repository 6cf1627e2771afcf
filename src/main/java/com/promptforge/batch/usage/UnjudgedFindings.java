package com.promptforge.batch.usage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Findings a check could not judge yet (its statistics too young to be sure, as an unused index right after a
 * server start) are grouped: one line per check and severity with the count and the objects in the evidence,
 * instead of a line each that says the same thing. A group of one stays as it was.
 */
final class UnjudgedFindings {

    /** What a check's evidence says when it cannot judge yet. */
    static final String MARKER = "too young to be sure";
    private static final Pattern AGE = Pattern.compile("statistics ([^);:]+ old)");

    private UnjudgedFindings() {
    }

    static List<Finding> grouped(List<Finding> findings) {
        List<Finding> result = new ArrayList<>();
        Map<String, List<Finding>> unjudged = new LinkedHashMap<>();
        for (Finding finding : findings) {
            if (finding.evidence() != null && finding.evidence().contains(MARKER)) {
                unjudged.computeIfAbsent(finding.check() + "\n" + finding.severity(), key -> new ArrayList<>())
                        .add(finding);
            } else {
                result.add(finding);
            }
        }
        for (List<Finding> group : unjudged.values()) {
            result.add(group.size() == 1 ? group.get(0) : summarised(group));
        }
        return result;
    }

    private static Finding summarised(List<Finding> group) {
        Finding first = group.get(0);
        Matcher age = AGE.matcher(first.evidence());
        List<String> objects = group.stream().map(Finding::object).toList();
        return new Finding(first.severity(), first.check(), group.size() + " objects",
                group.size() + " not judged yet, " + MARKER + (age.find() ? " (statistics " + age.group(1) + ")" : "")
                        + ": " + String.join(", ", objects),
                "none yet: a later report judges them once the statistics are old enough (" + first.recommendation()
                        + " ... for each then)");
    }
}
