package com.promptforge.batch.db;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Where the jobs that only read take their data from: the read replica {@code PF_READ_DB_URL} names, else the
 * primary ({@code PF_DB_URL}, the one data source). The audit export and the usage report's per-org figures read
 * here; every write, the sync, migrations and Spring Batch's tables stay on the primary.
 *
 * <p>A job that reads here calls {@link #requireFresh()} first: a replica further behind than
 * {@code PF_READ_MAX_LAG} refuses the job before it writes anything.
 */
public final class ReadDatabase implements AutoCloseable {

    public static final String SETTING = "PF_READ_DB_URL";
    static final String MAX_LAG_SETTING = "PF_READ_MAX_LAG";

    /**
     * Measurements before a replica over the limit is refused, {@link #REMEASURE_AFTER} apart: a replica that has
     * just received the primary's latest commit (the job's own start, after an idle hour) and not yet replayed it
     * measures as far behind as its last replayed commit is old, and is caught up a moment later.
     */
    static final int MEASUREMENTS = 3;
    static final Duration REMEASURE_AFTER = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(ReadDatabase.class);
    private static final String LAG = SqlResources.statement(ReadDatabase.class, "replica_lag.sql");

    private final DataSource dataSource;
    private final DatabaseTarget replica;
    private final Duration maxLag;
    private final String maxLagText;
    private final HikariDataSource ownPool;

    private ReadDatabase(DataSource dataSource, DatabaseTarget replica, Duration maxLag, String maxLagText,
                         HikariDataSource ownPool) {
        this.dataSource = dataSource;
        this.replica = replica;
        this.maxLag = maxLag;
        this.maxLagText = maxLagText;
        this.ownPool = ownPool;
    }

    /** No replica configured: the reads go to the primary's data source. */
    public static ReadDatabase primary(DataSource primary) {
        return new ReadDatabase(primary, null, null, null, null);
    }

    /** The replica {@code target}, read through {@code pool} (closed with this). */
    static ReadDatabase replica(HikariDataSource pool, DatabaseTarget target, Duration maxLag, String maxLagText) {
        return new ReadDatabase(pool, target, maxLag, maxLagText, pool);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public boolean isReplica() {
        return replica != null;
    }

    /**
     * Measures the replica's lag at the start of a job that reads here; empty when the reads go to the primary.
     *
     * @throws ReplicaLagException when the replica is further behind than {@code PF_READ_MAX_LAG}, or its lag cannot
     *                             be known
     */
    public Optional<ReplicaLag> requireFresh() {
        if (replica == null) {
            return Optional.empty();
        }
        ReplicaLag lag = measure();
        for (int i = 1; i < MEASUREMENTS && !lag.within(maxLag); i++) {
            sleep();
            lag = measure();
        }
        if (!lag.inRecovery()) {
            log.warn("{} ({}) is not in recovery; reading from it as given", SETTING, lag.server());
        } else if (!lag.within(maxLag)) {
            throw new ReplicaLagException(lag.refusal(maxLag, MAX_LAG_SETTING + "=" + maxLagText));
        }
        return Optional.of(lag);
    }

    private ReplicaLag measure() {
        return new JdbcTemplate(dataSource).queryForObject(LAG, (row, n) -> {
            double seconds = row.getDouble("lag_seconds");
            return new ReplicaLag(server(), row.getBoolean("in_recovery"),
                    row.wasNull() ? null : Duration.ofMillis(Math.round(Math.max(0, seconds) * 1000)));
        });
    }

    /** host:port/database of the replica, never credentials. */
    private String server() {
        return replica.host() + "/" + replica.database();
    }

    private static void sleep() {
        try {
            Thread.sleep(REMEASURE_AFTER.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (ownPool != null) {
            ownPool.close();
        }
    }
}
