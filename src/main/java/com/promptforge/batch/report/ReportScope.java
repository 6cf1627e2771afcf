package com.promptforge.batch.report;

import java.util.Objects;

/**
 * Whose data a report holds, as its name says it: {@code all-orgs}, or {@code org-<slug>} for one organization.
 * The two never meet: an organization whose slug is {@code all} or {@code all-orgs} is {@code org-all},
 * {@code org-all-orgs}, so no organization's report can take the every-organization report's name, nor the reverse.
 *
 * @param orgSlug the organization's slug; null for every organization
 */
public record ReportScope(String orgSlug) {

    /** Every organization. */
    public static final ReportScope ALL_ORGS = new ReportScope(null);

    /** One organization, by its slug. */
    public static ReportScope org(String slug) {
        return new ReportScope(Objects.requireNonNull(slug, "slug"));
    }

    /** {@code all-orgs} or {@code org-<slug>}: the part of the report's name that says its scope. */
    public String label() {
        return orgSlug == null ? "all-orgs" : "org-" + orgSlug;
    }
}
