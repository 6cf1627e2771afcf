package com.promptforge.batch.entitlements;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The changes a report lists: one by one while there are at most {@code detailLimit} of them, counted by source,
 * flag and kind ({@link ChangeGroup}) from the first one past it. Holds at most {@code detailLimit} changes, and a
 * few dozen groups after that.
 *
 * <p>Changes arrive per chunk, and chunks hold distinct orgs, so an org's changes of one group arrive together:
 * counting an org when it differs from the group's last one counts distinct orgs without keeping them.
 */
final class ChangeList {

    private final long detailLimit;
    private List<EntitlementChange> details = new ArrayList<>();
    private final Map<String, Counted> groups = new TreeMap<>();

    private static final class Counted {
        private final String source;
        private final String flag;
        private final EntitlementChange.Kind kind;
        private long orgs;
        private long rows;
        private UUID lastOrg;

        private Counted(String source, String flag, EntitlementChange.Kind kind) {
            this.source = source;
            this.flag = flag;
            this.kind = kind;
        }
    }

    ChangeList(long detailLimit) {
        this.detailLimit = detailLimit;
    }

    /** Whether the changes are counted in groups rather than listed: more than detailLimit came. */
    boolean grouped() {
        return details == null;
    }

    long detailLimit() {
        return detailLimit;
    }

    void add(EntitlementChange change) {
        if (details != null) {
            details.add(change);
            if (details.size() > detailLimit) {
                group();
            }
            return;
        }
        Counted counted = counted(change.source(), change.flag(), change.kind());
        if (!change.orgId().equals(counted.lastOrg)) {
            counted.orgs++;
            counted.lastOrg = change.orgId();
        }
        counted.rows++;
    }

    /** Adds changes already counted (of orgs no other call counted). */
    void add(ChangeGroup group) {
        group();
        Counted counted = counted(group.source(), group.flag(), group.kind());
        counted.orgs += group.orgs();
        counted.rows += group.rows();
        counted.lastOrg = null;
    }

    /** The changes one by one, in the order they came; empty once grouped. */
    List<EntitlementChange> details() {
        return details == null ? List.of() : details;
    }

    /** The groups by source, flag and kind; empty while listed one by one. */
    List<ChangeGroup> groups() {
        return groups.values().stream()
                .map(c -> new ChangeGroup(c.source, c.flag, c.kind, c.orgs, c.rows)).toList();
    }

    /** From now on, counts: the changes held so far are counted first. */
    private void group() {
        if (details == null) {
            return;
        }
        List<EntitlementChange> held = details;
        details = null;
        held.forEach(this::add);
    }

    private Counted counted(String source, String flag, EntitlementChange.Kind kind) {
        return groups.computeIfAbsent(new ChangeGroup(source, flag, kind, 0, 0).sortKey(),
                key -> new Counted(source, flag, kind));
    }
}
