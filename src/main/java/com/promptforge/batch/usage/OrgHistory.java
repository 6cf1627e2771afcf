package com.promptforge.batch.usage;

import com.promptforge.batch.db.SqlResources;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * What {@link NeedsAttention} compares an org's week with, beyond the week before: its average runs over the
 * {@value #WEEKS} weeks before (null when none is stored), its failed runs in the week before (null: not stored),
 * and whether the week holds its first runs ever.
 */
record OrgHistory(UUID orgId, Double averageRuns, int weeks, Long previousFailedRuns, boolean firstTime) {

    static final int WEEKS = 4;
    private static final String READ = SqlResources.statement(OrgHistory.class, "org_history_read.sql");

    /** Every org stored for {@code week} (or {@code orgId} alone), by id. */
    static Map<UUID, OrgHistory> read(NamedParameterJdbcTemplate jdbc, IsoWeek week, UUID orgId) {
        IsoWeek first = week;
        for (int i = 0; i < WEEKS; i++) {
            first = first.previous();
        }
        Map<UUID, OrgHistory> history = new HashMap<>();
        jdbc.query(READ, new MapSqlParameterSource()
                .addValue("week_start", week.monday())
                .addValue("week_begin", week.start())
                .addValue("previous_start", week.previous().monday())
                .addValue("history_start", first.monday())
                .addValue("org_id", orgId), row -> {
                    BigDecimal average = row.getBigDecimal("average_runs");
                    long failed = row.getLong("previous_failed_runs");
                    Long previousFailed = row.wasNull() ? null : failed;
                    UUID id = row.getObject("org_id", UUID.class);
                    history.put(id, new OrgHistory(id, average == null ? null : average.doubleValue(),
                            row.getInt("history_weeks"), previousFailed, row.getBoolean("first_time")));
                });
        return history;
    }
}
