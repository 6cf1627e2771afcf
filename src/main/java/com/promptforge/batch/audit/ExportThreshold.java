package com.promptforge.batch.audit;

/**
 * The export threshold the database enforces: a bundle only for a run scored at least this overall
 * ({@code public.run_meets_export_threshold}, the {@code bundles_check_run} trigger, migration 005). The export
 * compares in SQL instead of calling the function per row (a function with its own search_path is never inlined:
 * a call per run); AuditExportTest checks every row's export_ready against the function.
 */
final class ExportThreshold {

    static final int OVERALL = 80;

    private ExportThreshold() {
    }

    static String describe() {
        return "overall >= " + OVERALL + " (public.run_meets_export_threshold and the bundles trigger)";
    }
}
