package com.promptforge.batch.demo;

import com.promptforge.batch.job.JobRunner;
import java.util.function.Consumer;

/**
 * What the demo's steps share: where they print, the job runner, and the demo organization (the busiest of the
 * generated orgs: its reports have the most to show).
 */
record DemoContext(Consumer<String> out, JobRunner runner, String demoOrgId, String demoOrgSlug) {
}
