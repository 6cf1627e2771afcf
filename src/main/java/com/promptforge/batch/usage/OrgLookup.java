package com.promptforge.batch.usage;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/** Finds the organization the {@code org} parameter names, by id or by slug. */
final class OrgLookup {

    static final String ACCEPTED = "the id (uuid) or slug of an existing organization";

    private OrgLookup() {
    }

    static Optional<UUID> find(JdbcTemplate jdbc, String idOrSlug) {
        UUID id = uuid(idOrSlug);
        List<UUID> found = id != null
                ? jdbc.queryForList("select id from public.organizations where id = ?", UUID.class, id)
                : jdbc.queryForList("select id from public.organizations where slug = ?", UUID.class, idOrSlug);
        if (found.isEmpty() && id != null) {
            // an org deleted since: its stored weeks can still be reported
            found = jdbc.queryForList("select distinct org_id from usage.org_weeks where org_id = ?", UUID.class, id);
        }
        return found.stream().findFirst();
    }

    private static UUID uuid(String text) {
        try {
            return text.length() == 36 ? UUID.fromString(text) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
