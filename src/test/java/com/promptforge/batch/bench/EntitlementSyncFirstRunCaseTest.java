package com.promptforge.batch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EntitlementSyncFirstRunCaseTest {

    private static final UUID ACME = UUID.fromString("00000000-0000-4000-8000-000000000001");
    private static final UUID GLOBEX = UUID.fromString("00000000-0000-4000-8000-000000000002");

    @Test
    void sameRowsForEveryOrgAreTheSameProjection() {
        assertThat(EntitlementSyncFirstRunCase.compare(Map.of(ACME, "6:a", GLOBEX, "7:b"),
                Map.of(ACME, "6:a", GLOBEX, "7:b"), Set.of()))
                .isEqualTo("same projection (13 rows of 2 orgs)");
    }

    @Test
    void anOrgWhoseRowsDifferIsNamed() {
        assertThat(EntitlementSyncFirstRunCase.compare(Map.of(ACME, "6:a", GLOBEX, "7:b"),
                Map.of(ACME, "6:a", GLOBEX, "7:c"), Set.of()))
                .isEqualTo("PROJECTIONS DIFFER for 1 of 2 orgs (first: " + GLOBEX + ")");
    }

    @Test
    void anOrgOnlyOneSideProjectsDiffers() {
        assertThat(EntitlementSyncFirstRunCase.compare(Map.of(ACME, "6:a"), Map.of(ACME, "6:a", GLOBEX, "7:b"),
                Set.of()))
                .startsWith("PROJECTIONS DIFFER for 1 of 2 orgs");
    }

    @Test
    void anOrgWhosePlanEndedBetweenTheRunsIsLeftOutAndCounted() {
        assertThat(EntitlementSyncFirstRunCase.compare(Map.of(ACME, "6:a", GLOBEX, "7:enterprise"),
                Map.of(ACME, "6:a", GLOBEX, "6:pilot"), Set.of(GLOBEX)))
                .isEqualTo("same projection (6 rows of 1 orgs; 1 orgs whose plan or grant ended between the two runs"
                        + " not compared)");
    }
}
