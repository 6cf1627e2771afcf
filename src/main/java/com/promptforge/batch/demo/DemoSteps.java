package com.promptforge.batch.demo;

import java.util.List;
import java.util.Map;

/**
 * The demo's steps after the data is there, in order: the one place to add a step. A job is one line:
 * {@code new JobDemoStep("title", "<job>", context -> Map.of("<parameter>", "<value>"))}.
 */
final class DemoSteps {

    private DemoSteps() {
    }

    static List<DemoStep> steps() {
        return List.of(
                new JobDemoStep("entitlement sync (billing -> feature flags)", "entitlement-sync", context -> Map.of())
                // TODO(lead, issues 7 and 8): once usage-report and audit-export are merged, add here:
                //   new JobDemoStep("usage report, last week", "usage-report",
                //           context -> Map.of("org", context.demoOrgSlug())),
                //   new JobDemoStep("audit export of the demo org", "audit-export",
                //           context -> Map.of("org", context.demoOrgSlug(), "from", <90 days ago>, "to", <today>))
        );
    }
}
