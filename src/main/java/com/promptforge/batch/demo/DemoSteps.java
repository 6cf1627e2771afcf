package com.promptforge.batch.demo;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * The demo's steps after the data is there, in order: the one place to add a step. A job is one line:
 * {@code new JobDemoStep("title", "<job>", context -> Map.of("<parameter>", "<value>"))}.
 *
 * <p>The generated runs fill the 90 days before today's midnight (UTC), so the usage report's default week (the
 * last completed ISO week) has data, and the audit export covers those 90 days exactly.
 */
final class DemoSteps {

    /** The days the generator fills, ending yesterday (UTC). */
    static final int GENERATED_DAYS = 90;

    private DemoSteps() {
    }

    static List<DemoStep> steps() {
        return List.of(
                new JobDemoStep("entitlement sync (billing -> feature flags)", "entitlement-sync", context -> Map.of()),
                new JobDemoStep("usage report, last completed week, every organization", "usage-report",
                        context -> Map.of()),
                new JobDemoStep("audit export of the demo organization, the generated 90 days", "audit-export",
                        context -> {
                            LocalDate today = LocalDate.now(ZoneOffset.UTC);
                            return Map.of("org", context.demoOrgSlug(),
                                    "from", today.minusDays(GENERATED_DAYS).toString(),
                                    "to", today.minusDays(1).toString());
                        }));
    }
}
