package com.promptforge.batch.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.promptforge.batch.core.BadInputException;
import org.junit.jupiter.api.Test;

class HealthExclusionsTest {

    private static Finding finding(String check, String object) {
        return new Finding("warning", check, object, "evidence", "fix");
    }

    @Test
    void aPairSilencesThatCheckOfThatObjectOnly() {
        HealthExclusions exclusions = HealthExclusions.parse("unused_indexes:public.runs_queue_idx");

        assertThat(exclusions.silences(finding("unused_indexes", "public.runs_queue_idx"))).isTrue();
        assertThat(exclusions.silences(finding("unused_indexes", "public.other_idx"))).isFalse();
        assertThat(exclusions.silences(finding("index_bloat", "public.runs_queue_idx"))).isFalse();
    }

    @Test
    void aFunctionsArgumentsKeepTheirCommas() {
        HealthExclusions exclusions = HealthExclusions.parse(
                "function_search_path_mutable:public.f(uuid, text[]), tables_without_primary_key:public.imports");

        assertThat(exclusions.silences(finding("function_search_path_mutable", "public.f(uuid, text[])"))).isTrue();
        assertThat(exclusions.silences(finding("tables_without_primary_key", "public.imports"))).isTrue();
    }

    @Test
    void aStarSilencesTheWholeCheck() {
        assertThat(HealthExclusions.parse("extensions_outdated:*").silences(finding("extensions_outdated",
                "extension pg_stat_statements"))).isTrue();
    }

    @Test
    void promptForgesIntendedExceptionsAreAlwaysSilenced() {
        assertThat(HealthExclusions.parse(null).silences(finding("definer_functions_executable_by_authenticated",
                "public.pf_is_org_member(uuid)"))).isTrue();
    }

    @Test
    void aPairWithoutCheckOrObjectIsRefusedWithOneLine() {
        assertThatThrownBy(() -> HealthExclusions.parse("unused_indexes:public.a, public.b"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("parameter healthExclusions must be " + HealthExclusions.ACCEPTED + ", got 'public.b'");
    }
}
