package com.promptforge.batch.requests;

import com.promptforge.batch.db.SqlResources;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The statements of the request queue (public.audit_export_requests, 019), one per file under
 * {@code requests/sql/}, read with {@link SqlResources}. Each method takes the template to run on: claiming and releasing a request happen on the
 * connection that holds the request's advisory lock for as long as this process works on it.
 */
final class ExportRequestQueue {

    private static final Map<String, String> STATEMENTS = new ConcurrentHashMap<>();

    private ExportRequestQueue() {
    }

    /** Claims the oldest queued request (now running, its lock held by the template's one connection). */
    static Optional<ClaimedRequest> claimNext(NamedParameterJdbcTemplate held) {
        List<ClaimedRequest> claimed = held.query(statement("claim_next_request"), Map.of(), (row, i) ->
                new ClaimedRequest(row.getObject("id", UUID.class), row.getObject("org_id", UUID.class),
                        row.getString("org_slug"), row.getObject("period_from", LocalDate.class),
                        row.getObject("period_to", LocalDate.class),
                        row.getObject("started_at", OffsetDateTime.class)));
        return claimed.stream().findFirst();
    }

    static void releaseLock(NamedParameterJdbcTemplate held, UUID id) {
        held.queryForObject(statement("release_request_lock"), Map.of("id", id), Boolean.class);
    }

    /** Fails the running requests whose process is gone; their ids. */
    static List<UUID> failAbandoned(NamedParameterJdbcTemplate jdbc, String reason) {
        return jdbc.queryForList(statement("fail_abandoned_requests"), Map.of("reason", reason), UUID.class);
    }

    /** Whether the request was still running (and now records its success). */
    static boolean recordSuccess(NamedParameterJdbcTemplate jdbc, UUID id, ExportOutcome outcome,
                                 Optional<ReportLinks.Link> link) {
        MapSqlParameterSource parameters = new MapSqlParameterSource()
                .addValue("id", id)
                .addValue("reportKey", outcome.reportKey())
                .addValue("sha256", outcome.sha256())
                .addValue("rowCounts", outcome.rowCountsJson())
                .addValue("downloadUrl", link.map(ReportLinks.Link::url).orElse(null))
                .addValue("urlExpiresAt", link.map(l -> l.expiresAt().atOffset(ZoneOffset.UTC)).orElse(null),
                        Types.TIMESTAMP_WITH_TIMEZONE);
        return jdbc.update(statement("record_success"), parameters) == 1;
    }

    static boolean recordFailure(NamedParameterJdbcTemplate jdbc, UUID id, String error) {
        return jdbc.update(statement("record_failure"), Map.of("id", id, "error", error)) == 1;
    }

    static boolean requeue(NamedParameterJdbcTemplate jdbc, UUID id) {
        return jdbc.update(statement("requeue_request"), Map.of("id", id)) == 1;
    }

    static List<ListedRequest> latest(NamedParameterJdbcTemplate jdbc, int limit) {
        return jdbc.query(statement("list_requests"), Map.of("limit", limit), (row, i) -> new ListedRequest(
                row.getObject("id", UUID.class), row.getString("org_slug"),
                row.getObject("period_from", LocalDate.class),
                row.getObject("period_to", LocalDate.class), row.getString("status"),
                row.getObject("created_at", OffsetDateTime.class), row.getObject("finished_at", OffsetDateTime.class),
                row.getString("report_key"), row.getString("error")));
    }

    /** The statement of {@code requests/sql/<name>.sql}. */
    private static String statement(String name) {
        return STATEMENTS.computeIfAbsent(name, file -> SqlResources.statement(ExportRequestQueue.class, file + ".sql"));
    }
}
