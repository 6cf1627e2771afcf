package com.promptforge.batch.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.promptforge.batch.core.BadInputException;
import com.promptforge.batch.testing.StreamingReplica;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The lag of a real streaming replica (a PostgreSQL 15 primary and its hot standby, started here) as a job's start
 * measures it: 0 for a replica that has replayed everything while its primary is idle, the age of the last replayed
 * commit while replay is paused behind the primary's writes, and a refusal in one line past PF_READ_MAX_LAG.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplicaLagTest {

    private StreamingReplica servers;

    @BeforeAll
    void start() {
        servers = StreamingReplica.start();
        servers.primary().execute("create table lag_probe (id int)");
        servers.awaitCaughtUp();
    }

    @AfterAll
    void stop() {
        servers.close();
    }

    @AfterEach
    void resume() {
        servers.resumeReplay();
    }

    private ReadDatabase replica(String url, String maxLag) {
        DatabaseTarget target = DatabaseTarget.parse(ReadDatabase.SETTING, url, "postgres", "");
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(target.jdbcUrl());
        pool.setUsername("postgres");
        pool.setPassword("");
        pool.setMaximumPoolSize(2);
        return ReadDatabase.replica(pool, target, DataSourceConfiguration.maxLag(maxLag), maxLag);
    }

    @Test
    void aReplicaThatReplayedEverythingIsZeroBehindWhileItsPrimaryIsIdle() throws InterruptedException {
        servers.primary().update("insert into lag_probe values (1)");
        servers.awaitCaughtUp();
        Thread.sleep(2_500); // the last replayed commit grows old; the replica is not behind for that

        try (ReadDatabase reads = replica(servers.replicaUrl(), "1s")) {
            Optional<ReplicaLag> lag = reads.requireFresh();

            assertThat(lag).contains(new ReplicaLag(servers.replicaServer(), true, Duration.ZERO));
            assertThat(lag.orElseThrow().describe())
                    .isEqualTo("read replica " + servers.replicaServer() + ", 0 s behind the primary at the start");
        }
    }

    @Test
    void aPausedReplicaIsAsFarBehindAsTheLastCommitItReplayedIsOld() throws InterruptedException {
        servers.pauseReplay();
        long before = System.nanoTime();
        servers.primary().update("insert into lag_probe values (2)");
        Thread.sleep(1_500);

        try (ReadDatabase reads = replica(servers.replicaUrl(), "5m")) {
            Duration lag = reads.requireFresh().orElseThrow().lag();

            assertThat(lag).isGreaterThanOrEqualTo(Duration.ofMillis(1_500))
                    .isLessThan(Duration.ofNanos(System.nanoTime() - before).plusSeconds(60));
        }
    }

    @Test
    void aReplicaFurtherBehindThanTheLimitIsRefusedInOneLineNamingTheLagTheLimitAndTheSetting()
            throws InterruptedException {
        servers.pauseReplay();
        servers.primary().update("insert into lag_probe values (3)");
        Thread.sleep(1_500);

        try (ReadDatabase reads = replica(servers.replicaUrl(), "1s")) {
            assertThatThrownBy(reads::requireFresh).isInstanceOf(ReplicaLagException.class)
                    .hasMessageMatching("Refused: the read replica " + servers.replicaServer().replace(".", "\\.")
                            + " \\(PF_READ_DB_URL\\) is \\d+(\\.\\d)? s behind its primary, more than "
                            + "PF_READ_MAX_LAG=1s \\(1\\.0 s\\): wait until it catches up, or raise PF_READ_MAX_LAG");
        }
    }

    @Test
    void aServerNotInRecoveryIsReadAsGivenAndSaysSo() {
        try (ReadDatabase reads = replica(servers.primaryUrl(), "1s")) {
            ReplicaLag lag = reads.requireFresh().orElseThrow();

            assertThat(lag.inRecovery()).isFalse();
            assertThat(lag.describe()).isEqualTo(servers.primaryUrl().substring("jdbc:postgresql://".length())
                    + " (PF_READ_DB_URL), not in recovery: read from it as given");
        }
    }

    @Test
    void withoutAReplicaNothingIsMeasured() {
        assertThat(ReadDatabase.primary(null).requireFresh()).isEmpty();
    }

    @Test
    void aMaxLagThatIsNoDurationIsOneLineSayingWhatIsAccepted() {
        assertThatThrownBy(() -> DataSourceConfiguration.maxLag("5 minutes")).isInstanceOf(BadInputException.class)
                .hasMessage("PF_READ_MAX_LAG '5 minutes' is not accepted: expected a duration from 0 such as 5m, 90s "
                        + "or 1h");
        assertThat(DataSourceConfiguration.maxLag("90s")).isEqualTo(Duration.ofSeconds(90));
    }
}
