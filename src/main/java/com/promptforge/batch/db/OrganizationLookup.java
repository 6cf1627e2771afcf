package com.promptforge.batch.db;

import java.sql.Types;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** Finds the organization a job's {@code org=} parameter names: by id when it is a uuid, else by slug. */
public final class OrganizationLookup {

    /** What an {@code org=} parameter accepts, for the line that refuses another value. */
    public static final String ACCEPTED = "the id (uuid) or slug of an existing organization";

    private static final String BY_ID_OR_SLUG = SqlResources.statement(OrganizationLookup.class,
            "organization_by_id_or_slug.sql");

    /** An organization as it is now. */
    public record Organization(UUID id, String slug, String name) {
    }

    private final NamedParameterJdbcTemplate jdbc;

    public OrganizationLookup(JdbcOperations jdbc) {
        this.jdbc = new NamedParameterJdbcTemplate(jdbc);
    }

    public Optional<Organization> find(String idOrSlug) {
        List<Organization> found = jdbc.query(BY_ID_OR_SLUG, new MapSqlParameterSource()
                        .addValue("id", uuid(idOrSlug), Types.OTHER)
                        .addValue("slug", idOrSlug, Types.VARCHAR),
                (row, n) -> new Organization(row.getObject("id", UUID.class), row.getString("slug"),
                        row.getString("name")));
        return found.stream().findFirst();
    }

    /** The text as a uuid when it is one (36 characters), else null. */
    public static UUID uuid(String text) {
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
