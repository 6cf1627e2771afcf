package com.promptforge.batch.bench;

import java.util.Map;

/**
 * The entitlement sync when nothing changed since the last run (the usual night), against the first full run's
 * median from the same benchmark run ({@link EntitlementSyncFirstRunCase}).
 */
class EntitlementSyncUnchangedCase implements BenchmarkCase {

    private static final double TARGET_SHARE = 0.2;
    private long orgs;

    @Override
    public String name() {
        return "entitlement sync, nothing changed";
    }

    @Override
    public String target() {
        return "<= 20% of the first run";
    }

    @Override
    public String unit() {
        return "s";
    }

    @Override
    public String referenceName() {
        return "the first full run (above)";
    }

    @Override
    public String referenceCase() {
        return EntitlementSyncFirstRunCase.NAME;
    }

    @Override
    public void setUp(BenchmarkEnvironment environment) {
        orgs = environment.jdbc().queryForObject("select count(*) from public.organizations", Long.class);
        EntitlementSyncFirstRunCase.empty(environment);
        environment.runJob(EntitlementSyncFirstRunCase.JOB, Map.of());
        environment.jdbc().execute("vacuum analyze public.entitlements, public.entitlement_changes");
    }

    @Override
    public double measure(BenchmarkEnvironment environment) {
        return environment.runJob(EntitlementSyncFirstRunCase.JOB, Map.of());
    }

    @Override
    public String verdict(BenchmarkResult result) {
        return result.ratio() <= TARGET_SHARE ? "met" : String.format("MISSED: %.0f%%", 100 * result.ratio());
    }

    @Override
    public String volumeUnit() {
        return "orgs";
    }

    @Override
    public long volume() {
        return orgs;
    }
}
