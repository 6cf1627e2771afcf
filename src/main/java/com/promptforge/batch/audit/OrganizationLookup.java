package com.promptforge.batch.audit;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/** Finds the organization an {@code org=} parameter names: by id when it is a uuid, else by slug. */
final class OrganizationLookup {

    private final JdbcTemplate jdbc;

    OrganizationLookup(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<AuditedOrg> find(String idOrSlug) {
        UUID id = uuid(idOrSlug);
        List<AuditedOrg> found = id != null
                ? jdbc.query("select id, slug, name from public.organizations where id = ?", OrganizationLookup::org, id)
                : jdbc.query("select id, slug, name from public.organizations where slug = ?", OrganizationLookup::org,
                        idOrSlug);
        return found.stream().findFirst();
    }

    private static AuditedOrg org(java.sql.ResultSet row, int rowNumber) throws java.sql.SQLException {
        return new AuditedOrg(row.getObject("id", UUID.class), row.getString("slug"), row.getString("name"));
    }

    private static UUID uuid(String text) {
        if (text.length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
