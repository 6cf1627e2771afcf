package com.promptforge.batch.notify;

import com.promptforge.batch.db.SqlResources;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/** The record of deliveries, {@code batch.notification_deliveries} (sql/023). */
@Component
public class NotificationDeliveries {

    private static final String RECORD = SqlResources.statement(NotificationDeliveries.class, "delivery_record.sql");
    private static final String LATEST = SqlResources.statement(NotificationDeliveries.class,
            "deliveries_latest_per_channel.sql");

    private final NamedParameterJdbcTemplate jdbc;

    NotificationDeliveries(DataSource dataSource) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
    }

    void record(RunNotice notice, NotifyChannel channel, boolean delivered, int attempts, String error) {
        jdbc.update(RECORD, new MapSqlParameterSource(Map.of("job", notice.job(), "execution", notice.executionId(),
                "outcome", notice.outcome(), "channel", channel.label(), "delivered", delivered, "attempts", attempts))
                .addValue("error", error));
    }

    /** The latest delivery to each channel {@code job} notified, newest first. */
    public List<Delivery> latestPerChannel(String job) {
        return jdbc.query(LATEST, Map.of("job", job), (row, n) -> new Delivery(row.getString("channel"),
                        row.getLong("job_execution_id"), row.getString("outcome"), row.getBoolean("delivered"),
                        row.getInt("attempts"), row.getString("error"),
                        row.getTimestamp("attempted_at").toInstant()))
                .stream().sorted(Comparator.comparing(Delivery::attemptedAt).reversed()).toList();
    }
}
