package com.promptforge.batch.entitlements;

import com.promptforge.batch.db.UserEmails;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.SqlArrayValue;

/**
 * Reconciles the entitlements of a chunk of organizations with their billing inputs, set-based: a few
 * statements per chunk whatever its size ({@link EntitlementSyncSql}). Runs inside the caller's
 * transaction (the chunk's).
 */
final class EntitlementReconciler {

    private final NamedParameterJdbcTemplate jdbc;
    private final String preview;
    private final String apply;
    private final String recorded;
    private final String recordedGroups;

    EntitlementReconciler(NamedParameterJdbcTemplate jdbc, UserEmails emails) {
        this.jdbc = jdbc;
        this.preview = emails.inStatement(EntitlementSyncSql.PREVIEW);
        this.apply = emails.inStatement(EntitlementSyncSql.APPLY);
        this.recorded = emails.inStatement(EntitlementSyncSql.RECORDED_BY_JOB_INSTANCE);
        this.recordedGroups = EntitlementSyncSql.GROUPS_RECORDED_BY_JOB_INSTANCE;
    }

    /** The changes and skips the chunk would make; writes nothing. */
    ChunkOutcome preview(Collection<UUID> orgIds, int graceDays) {
        return query(preview, parameters(orgIds, graceDays));
    }

    /**
     * Writes the differences, records them and the skips, and returns what it recorded, one by one or, when
     * {@code grouped}, counted by source, flag and kind. With {@code probe}, a read-only look first spares a chunk
     * with nothing to change the org locks and every write (most chunks on most nights); without it the chunk is
     * locked and applied at once, which spares a chunk that does change (every chunk of a first run) computing its
     * differences twice.
     */
    ChunkOutcome apply(Collection<UUID> orgIds, int graceDays, long jobInstanceId, long jobExecutionId,
                       boolean grouped, boolean probe) {
        MapSqlParameterSource parameters = parameters(orgIds, graceDays);
        if (probe
                && !Boolean.TRUE.equals(jdbc.queryForObject(EntitlementSyncSql.HAS_CHANGES, parameters, Boolean.class))) {
            return ChunkOutcome.NOTHING;
        }
        // Locked, then computed again: what another writer committed meanwhile is taken into account.
        parameters.addValue("jobInstanceId", jobInstanceId).addValue("jobExecutionId", jobExecutionId);
        jdbc.query(EntitlementSyncSql.LOCK_ORGS, parameters, (RowCallbackHandler) row -> { });
        return grouped ? groups(EntitlementSyncSql.APPLY_GROUPED, parameters) : query(apply, parameters);
    }

    /** Streams what earlier executions of the job instance recorded, ordered by org. */
    void recorded(long jobInstanceId, Consumer<EntitlementChange> changes, Consumer<SkippedOrg> skips) {
        jdbc.query(recorded, Map.of("jobInstanceId", jobInstanceId),
                (RowCallbackHandler) row -> dispatch(row, changes, skips));
    }

    /** What earlier executions of the job instance recorded, counted by source, flag and kind. */
    ChunkOutcome recordedGroups(long jobInstanceId) {
        return groups(recordedGroups, new MapSqlParameterSource("jobInstanceId", jobInstanceId));
    }

    /** Reads a result of _grouped_result.sql. */
    private ChunkOutcome groups(String sql, MapSqlParameterSource parameters) {
        List<ChangeGroup> groups = new ArrayList<>();
        List<SkippedOrg> skipped = new ArrayList<>();
        long[] orgs = {0};
        jdbc.query(sql, parameters, (RowCallbackHandler) row -> {
            switch (row.getString("row_type")) {
                case "group" -> groups.add(new ChangeGroup(row.getString("source"), row.getString("flag"),
                        EntitlementChange.Kind.of(row.getString("kind")), row.getLong("orgs"),
                        row.getLong("changed_rows")));
                case "orgs" -> orgs[0] = row.getLong("orgs");
                default -> skipped.add(new SkippedOrg(row.getObject("org_id", UUID.class), row.getString("org_slug"),
                        row.getString("org_name"), row.getString("reason"), row.getObject("at", OffsetDateTime.class)));
            }
        });
        return new ChunkOutcome(List.of(), groups, orgs[0], skipped);
    }

    private ChunkOutcome query(String sql, MapSqlParameterSource parameters) {
        List<EntitlementChange> changes = new ArrayList<>();
        List<SkippedOrg> skipped = new ArrayList<>();
        jdbc.query(sql, parameters, (RowCallbackHandler) row -> dispatch(row, changes::add, skipped::add));
        return new ChunkOutcome(changes, skipped);
    }

    private static MapSqlParameterSource parameters(Collection<UUID> orgIds, int graceDays) {
        return new MapSqlParameterSource()
                .addValue("orgIds", new SqlArrayValue("uuid", orgIds.toArray()))
                .addValue("graceDays", graceDays);
    }

    private static void dispatch(ResultSet row, Consumer<EntitlementChange> changes, Consumer<SkippedOrg> skips)
            throws SQLException {
        UUID orgId = row.getObject("org_id", UUID.class);
        String orgSlug = row.getString("org_slug");
        String orgName = row.getString("org_name");
        OffsetDateTime at = row.getObject("at", OffsetDateTime.class);
        if ("skip".equals(row.getString("row_type"))) {
            skips.accept(new SkippedOrg(orgId, orgSlug, orgName, row.getString("reason"), at));
            return;
        }
        changes.accept(new EntitlementChange(orgId, orgSlug, orgName, row.getObject("user_id", UUID.class),
                row.getString("user_email"), row.getString("flag"),
                row.getString("source"), row.getString("source_ref"),
                EntitlementChange.Kind.of(row.getString("kind")),
                row.getObject("old_value", Boolean.class), row.getObject("new_value", Boolean.class),
                row.getObject("old_valid_from", OffsetDateTime.class),
                row.getObject("old_valid_until", OffsetDateTime.class),
                row.getObject("new_valid_from", OffsetDateTime.class),
                row.getObject("new_valid_until", OffsetDateTime.class), at));
    }
}
