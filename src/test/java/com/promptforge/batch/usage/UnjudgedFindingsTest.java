package com.promptforge.batch.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Findings not judged yet (statistics too young) become one line per check and severity. */
class UnjudgedFindingsTest {

    @Test
    void unjudgedFindingsOfOneCheckAndLevelAreOneLineWithTheCountAndTheObjects() {
        List<Finding> grouped = UnjudgedFindings.grouped(List.of(
                young("public.a_idx"), young("public.b_idx"), young("usage.c_idx"),
                new Finding("warning", "unused_indexes", "public.old_idx", "0 scans since 2026-10-01 00:00 UTC "
                        + "(statistics 67 days old); 16 kB, on table public.t", "DROP INDEX CONCURRENTLY public.old_idx;"),
                new Finding("warning", "invalid_indexes", "public.broken_idx", "invalid", "REINDEX INDEX public.broken_idx;")));

        assertThat(grouped).hasSize(3);
        assertThat(grouped).filteredOn(f -> f.object().equals("3 objects")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo("info");
            assertThat(f.check()).isEqualTo("unused_indexes");
            assertThat(f.evidence()).isEqualTo("3 not judged yet, too young to be sure (statistics 0.2 hours old): "
                    + "public.a_idx, public.b_idx, usage.c_idx");
        });
        assertThat(grouped).extracting(Finding::object).contains("public.old_idx", "public.broken_idx");
    }

    @Test
    void aSingleUnjudgedFindingStaysAsItWas() {
        Finding only = young("public.a_idx");

        assertThat(UnjudgedFindings.grouped(List.of(only))).containsExactly(only);
    }

    private static Finding young(String index) {
        return new Finding("info", "unused_indexes", index, "0 scans since 2026-12-07 01:00 UTC (statistics 0.2 hours "
                + "old: too young to be sure); 16 kB, on table public.t", "DROP INDEX CONCURRENTLY " + index + ";");
    }
}
