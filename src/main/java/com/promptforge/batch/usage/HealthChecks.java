package com.promptforge.batch.usage;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The checks the usage report runs, each one small named query ({@code usage/sql/<name>.sql}) with its thresholds
 * named beside it here (documented in docs/DATABASE.md, "What each finding of the usage report means"). They read
 * the statistics views and catalogs, and estimates (pg_class, pg_stats) instead of the tables themselves, so the
 * whole set costs the same on a 10M-run database as on an empty one; a role with pg_monitor reads them in full.
 */
final class HealthChecks {

    /** How long a check waits for a lock before it gives up and reports who holds it. */
    static final String LOCK_TIMEOUT = "1s";

    static final long MEGABYTE = 1024L * 1024;

    /**
     * PromptForge's own findings that are so on purpose, silenced like the job's {@code healthExclusions}:
     * the membership helpers of 001 are executable by authenticated by design (QA test 604; they answer only
     * whether the caller is a member), although no policy calls them since 017; Flyway's history in public has
     * RLS on and no policy so that the API shows none of it.
     */
    static final List<String> INTENDED = List.of(
            "rls_enabled_without_policy:public.flyway_schema_history",
            "definer_functions_executable_by_authenticated:public.pf_is_org_member(uuid)",
            "definer_functions_executable_by_authenticated:public.pf_has_org_role(uuid, text[])");

    /** Every check, area by area. */
    private static final List<HealthCheck> ALL = List.of(
            check("unused_indexes", HealthArea.INDEXES, Map.of("unusedIndexMinBytes", 0L, "statisticsMinDays", 7)),
            check("duplicate_indexes", HealthArea.INDEXES, Map.of()),
            check("invalid_indexes", HealthArea.INDEXES, Map.of()),
            check("foreign_keys_without_index", HealthArea.INDEXES, Map.of()),
            check("index_bloat", HealthArea.INDEXES,
                    Map.of("bloatMinBytes", 8 * MEGABYTE, "bloatMinShare", 0.5)),
            check("sequential_scan_heavy_tables", HealthArea.INDEXES,
                    Map.of("seqScanMinLiveRows", 10_000L, "seqScanMaxIndexUsePercent", 95)),
            check("table_bloat", HealthArea.TABLES, Map.of("bloatMinBytes", 8 * MEGABYTE, "bloatMinShare", 0.5)),
            check("dead_rows", HealthArea.TABLES, Map.of("deadRowsMin", 1_000L, "deadRowsMinShare", 0.2)),
            check("autovacuum_disabled", HealthArea.TABLES, Map.of()),
            check("stale_statistics", HealthArea.TABLES, Map.of("staleMinModifiedRows", 1_000L,
                    "staleMinModifiedShare", 0.2, "staleMinDays", 1)),
            check("table_growth", HealthArea.TABLES,
                    Map.of("growthMinShare", 0.4, "growthMinBytes", 10 * MEGABYTE)),
            check("not_valid_constraints", HealthArea.TABLES, Map.of()),
            check("tables_without_primary_key", HealthArea.TABLES, Map.of()),
            check("long_running_sessions", HealthArea.SESSIONS, Map.of("longRunningSeconds", 300)),
            check("idle_in_transaction_sessions", HealthArea.SESSIONS, Map.of("idleInTransactionSeconds", 60)),
            check("blocking_locks", HealthArea.SESSIONS, Map.of("blockedMinSeconds", 5)),
            check("connections", HealthArea.SESSIONS,
                    Map.of("connectionsWarningShare", 0.8, "connectionsCriticalShare", 0.9)),
            check("transaction_id_wraparound", HealthArea.CAPACITY,
                    Map.of("wraparoundWarningShare", 0.5, "wraparoundCriticalShare", 0.75)),
            check("multixact_wraparound", HealthArea.CAPACITY,
                    Map.of("wraparoundWarningShare", 0.5, "wraparoundCriticalShare", 0.75)),
            check("sequences_near_maximum", HealthArea.CAPACITY,
                    Map.of("sequenceWarningShare", 0.75, "sequenceCriticalShare", 0.9)),
            check("replication_slots", HealthArea.CAPACITY, Map.of("slotRetainedWalWarningBytes", 1024 * MEGABYTE,
                    "slotRetainedWalCriticalBytes", 10 * 1024 * MEGABYTE)),
            check("low_cache_hit_rate", HealthArea.QUERIES,
                    Map.of("cacheHitRateMin", 0.99, "cacheHitMinBlocks", 10_000L)),
            check("rls_disabled_in_exposed_schema", HealthArea.SECURITY, Map.of()),
            check("rls_enabled_without_policy", HealthArea.SECURITY, Map.of()),
            check("policies_without_rls", HealthArea.SECURITY, Map.of()),
            check("policy_auth_per_row", HealthArea.SECURITY, Map.of()),
            check("multiple_permissive_policies", HealthArea.SECURITY, Map.of()),
            check("policy_always_true", HealthArea.SECURITY, Map.of()),
            check("function_search_path_mutable", HealthArea.SECURITY, Map.of()),
            check("security_definer_views", HealthArea.SECURITY, Map.of()),
            check("definer_functions_executable_by_anon", HealthArea.SECURITY, Map.of()),
            check("definer_functions_executable_by_authenticated", HealthArea.SECURITY, Map.of()),
            check("extensions_in_public", HealthArea.SECURITY, Map.of()),
            check("extensions_outdated", HealthArea.SECURITY, Map.of()));

    private HealthChecks() {
    }

    static List<HealthCheck> all() {
        return ALL;
    }

    /** The area of a finding's check; what is not one of the checks above (statements, listings) is QUERIES. */
    static HealthArea area(String checkName) {
        return all().stream().filter(c -> c.name().equals(checkName)).map(HealthCheck::area).findFirst()
                .orElse(checkName.equals("relation_weeks") ? HealthArea.TABLES : HealthArea.QUERIES);
    }

    private static HealthCheck check(String name, HealthArea area, Map<String, Object> thresholds) {
        return new HealthCheck(name, area, new LinkedHashMap<>(thresholds));
    }
}
