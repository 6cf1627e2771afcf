package com.promptforge.batch.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.promptforge.batch.db.OrganizationLookup.Organization;
import com.promptforge.batch.testing.PromptForgeDatabase;
import com.promptforge.batch.testing.TestDatabase;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The one lookup of an organization a job's org= parameter names (audit export, usage report). */
@PromptForgeDatabase
class OrganizationLookupTest {

    private static final Organization DEMO = new Organization(
            UUID.fromString("00000000-0000-4000-8000-000000000001"), "demo", "PromptForge Demo");

    private final OrganizationLookup lookup;

    OrganizationLookupTest(TestDatabase db) {
        this.lookup = new OrganizationLookup(db.jdbc());
    }

    @Test
    void findsAnOrganizationByItsId() {
        assertThat(lookup.find(DEMO.id().toString())).contains(DEMO);
    }

    @Test
    void findsAnOrganizationByItsSlug() {
        assertThat(lookup.find("demo")).contains(DEMO);
    }

    @Test
    void findsNothingForAnUnknownIdOrSlug() {
        assertThat(lookup.find(UUID.randomUUID().toString())).isEmpty();
        assertThat(lookup.find("no-such-org")).isEmpty();
    }

    @Test
    void aSlugShapedLikeNoUuidIsNeverReadAsAnId() {
        assertThat(OrganizationLookup.uuid("demo")).isNull();
        assertThat(OrganizationLookup.uuid("00000000-0000-4000-8000-00000000000g")).isNull();
        assertThat(OrganizationLookup.uuid(DEMO.id().toString())).isEqualTo(DEMO.id());
    }
}
